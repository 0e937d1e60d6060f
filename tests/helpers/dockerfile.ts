/**
 * The project's Dockerfile read as data: its stages and their instructions, so that tests can
 * do what a stage does (its RUN commands, COPY lines, ENV, CMD and HEALTHCHECK) without a
 * container engine. Handles the forms the Dockerfile uses: line continuations, comments,
 * ARG defaults in FROM, exec-form (JSON) and shell-form commands.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

export interface Instruction {
  keyword: string;
  args: string;
}

export interface Stage {
  name: string;
  image: string;
  instructions: Instruction[];
}

export function readDockerfile(path = join(ROOT, 'Dockerfile')): { args: Record<string, string>; stages: Stage[] } {
  const lines = readFileSync(path, 'utf8')
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, keyword, rest] = /^(\S+)\s+(.*)$/.exec(line) ?? [];
    if (!keyword) throw new Error(`cannot read Dockerfile line: ${line}`);
    const kw = keyword.toUpperCase();
    if (kw === 'ARG' && !stages.length) {
      const [k, v] = rest!.split('=');
      args[k!] = v ?? '';
    } else if (kw === 'FROM') {
      const [, image, name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(rest!) ?? [];
      stages.push({ name: name ?? String(stages.length), image: image!.replace(/\$\{(\w+)\}/g, (_m, k: string) => args[k] ?? ''), instructions: [] });
    } else {
      if (!stages.length) throw new Error(`${kw} before the first FROM`);
      stages.at(-1)!.instructions.push({ keyword: kw, args: rest! });
    }
  }
  return { args, stages };
}

export function stage(name: string): Stage {
  const s = readDockerfile().stages.find((x) => x.name === name);
  if (!s) throw new Error(`the Dockerfile has no stage "${name}"`);
  return s;
}

/** A command as the container runs it: exec form as given, shell form through /bin/sh -c. */
export function command(args: string): string[] {
  return args.startsWith('[') ? (JSON.parse(args) as string[]) : ['/bin/sh', '-c', args];
}

/** ENV lines of a stage, KEY=value pairs (values without spaces, as this Dockerfile writes them). */
export function envOf(s: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const i of s.instructions.filter((x) => x.keyword === 'ENV')) for (const pair of i.args.split(/\s+/)) {
    const [k, v] = pair.split('=');
    env[k!] = v ?? '';
  }
  return env;
}

/** COPY lines of a stage: sources (relative to the build context or the named stage) and destination. */
export function copiesOf(s: Stage): { from: string | null; sources: string[]; dest: string }[] {
  return s.instructions
    .filter((i) => i.keyword === 'COPY')
    .map((i) => {
      const words = i.args.split(/\s+/);
      const from = words[0]!.startsWith('--from=') ? words.shift()!.slice('--from='.length) : null;
      const dest = words.pop()!;
      return { from, sources: words, dest };
    });
}

/** The HEALTHCHECK's command (after its options). */
export function healthcheckOf(s: Stage): string[] {
  const h = s.instructions.find((i) => i.keyword === 'HEALTHCHECK');
  if (!h) throw new Error(`stage ${s.name} has no HEALTHCHECK`);
  const [, cmd] = /\bCMD\s+(.*)$/.exec(h.args) ?? [];
  if (!cmd) throw new Error(`cannot read the HEALTHCHECK command: ${h.args}`);
  return command(cmd);
}
