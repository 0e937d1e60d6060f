/**
 * Validation errors that say what to do. graphql-js answers some mistakes with a message that
 * names no cause ("Validation aborted.", when checking a document's fragments and fields runs
 * out of its work budget) or that leaves out the usual fix (an enum value written where a
 * string is expected, or the other way round). This plugin adds the cause and the fix.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const HINTS: [RegExp, (m: RegExpMatchArray) => string][] = [
  [
    /^Validation aborted\.$/,
    () =>
      'Validation aborted: checking this operation took too much work (too many fields of the same name to compare, or fragments spread into one another many times); select each field once and spread fewer fragments',
  ],
  [
    // Worded so that redaction (redact.ts), which cuts what follows "represent ... value: ", keeps it.
    /^String cannot represent a non string value(?:: ([A-Z][A-Za-z_]*))?$/,
    () =>
      'A string was expected: quote the value, or pass an enum value unquoted to the enum twin of this argument (relationTypes, entityTypes, entityType, relationTypeIn, entityTypeIn). String cannot represent a non string value.',
  ],
  // The hint comes first: redaction cuts what follows "cannot represent non-enum value: ".
  [/^Enum "\w+" cannot represent non-enum value: .*$/, (m) => `Enum values are written without quotes. ${m[0]}`],
];

/** The message with its hint, or null when none applies. */
export function withHint(message: string): string | null {
  for (const [pattern, hint] of HINTS) {
    const m = message.match(pattern);
    if (m) return hint(m);
  }
  return null;
}

export function validationHints<C extends Record<string, unknown>>(): Plugin<C> {
  return {
    onValidate() {
      return ({ result, setResult }) => {
        if (!result.some((e) => withHint(e.message))) return;
        setResult(
          result.map((e) => {
            const message = withHint(e.message);
            return message ? new GraphQLError(message, { nodes: e.nodes, source: e.source, positions: e.positions, path: e.path, originalError: e.originalError, extensions: e.extensions }) : e;
          }),
        );
      };
    },
  };
}
