/**
 * Errors as values. A stage returns its output together with the problems it found; fatal
 * problems stop the pipeline after the stage, warnings are reported in the summary.
 */

export interface Problem {
  severity: 'error' | 'warning';
  /** Stable machine-readable code, e.g. 'QUOTE_NOT_FOUND'. */
  code: string;
  message: string;
  /** Where: a file, an entry within it, a passage id. */
  file?: string;
  entry?: string;
  passageId?: string;
  quote?: string;
}

export type Result<T> = { ok: true; value: T; warnings: Problem[] } | { ok: false; errors: Problem[]; warnings: Problem[] };

export function ok<T>(value: T, warnings: Problem[] = []): Result<T> {
  return { ok: true, value, warnings };
}

export function fail<T>(errors: Problem[], warnings: Problem[] = []): Result<T> {
  return { ok: false, errors, warnings };
}

/** One line a user can act on: where, what, and the quote at fault. */
export function formatProblem(p: Problem): string {
  const where = [p.file, p.entry && `entry ${p.entry}`, p.passageId && `passage ${p.passageId}`].filter(Boolean).join(', ');
  const quote = p.quote ? ` (quote: "${p.quote.length > 120 ? p.quote.slice(0, 117) + '...' : p.quote}")` : '';
  return `${p.severity === 'error' ? 'error' : 'warning'} ${p.code}${where ? ` [${where}]` : ''}: ${p.message}${quote}`;
}

export class PipelineError extends Error {
  constructor(public readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'PipelineError';
  }
}
