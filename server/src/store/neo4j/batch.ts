/**
 * Concurrent operations' reads of one shape, sent as one query. Each Neo4j query costs a fixed
 * share of both processes' CPU (a transaction begun and ended, Bolt messages written, parsed and
 * answered), whatever it reads. Measured at 32 concurrent queries on the report's graph, the
 * query of an entity with its relations and mentions cost 0.44 ms of Neo4j's CPU and 0.27 ms of
 * the driver's alone, and 0.20 and 0.14 per member in batches of eight: on two cores the fixed
 * share was about half the work. So reads of one text that arrive in the same turn of the event
 * loop go as one: their parameters become the rows of an UNWIND, and the text follows the shape
 * of the read, never the number batched, so Neo4j plans it once.
 *
 * A batched text is the read's own text with its parameters taken from the member's row
 * (`$ids` becomes `member.ids`) and that row carried through every subquery import and every WITH
 * (see batchedQuery()). Reads whose rows are not keyed (an ORDER BY the caller relies on across
 * rows) must not be batched: only reads that name their columns are, and those callers match
 * rows by key.
 */
import { QueryTimeoutError, RequestAbortedError, StoreBusyError, StoreUnavailableError } from '../GraphStore';

type Row = Record<string, unknown>;
type Params = Record<string, unknown>;

/** The row of one member's parameters, and the column that says whose row an answer is. */
const MEMBER = 'member';
const INDEX = 'member_index';

export interface BatchedQuery {
  /** The text that runs every member: `$batch` holds their parameter rows. */
  cypher: string;
  /** Parameters Cypher needs as constants (SKIP and LIMIT take no variables): members batch together only when these agree. */
  fixed: string[];
}

/**
 * The batched form of a read, or null when the read cannot be batched safely: it uses the
 * names the batched form adds, projects or imports every variable (`WITH *`, `CALL (*)`), or
 * holds a string literal whose text the rewriting could touch.
 */
export function batchedQuery(cypher: string, columns: readonly string[]): BatchedQuery | null {
  const text = cypher.replace(/\s+/g, ' ').trim();
  if (new RegExp(`\\b(${MEMBER}|${INDEX}|batch)\\b`).test(text) || /\bWITH\s+(DISTINCT\s+)?\*|\bCALL\s*\(\s*\*/i.test(text) || columns.includes(INDEX)) return null;
  // String literals are left alone only when they cannot hold a keyword or a parameter.
  if ((text.match(/'[^']*'|"[^"]*"/g) ?? []).some((s) => /[$]|\b(WITH|CALL)\b/i.test(s))) return null;
  const fixed = [...new Set([...text.matchAll(/\b(?:SKIP|LIMIT)\s+\$(\w+)/gi)].map((m) => m[1]!))];
  const rewritten = text
    .replace(/\$(\w+)/g, (whole, name: string) => (fixed.includes(name) ? whole : `${MEMBER}.${name}`))
    .replace(/\bCALL\s*\(\s*([^)]*?)\s*\)\s*\{/gi, (_m, vars: string) => `CALL (${vars ? `${MEMBER}, ${vars}` : MEMBER}) {`)
    .replace(/\bWITH\s+(DISTINCT\s+)?/gi, (_m, distinct?: string) => `WITH ${distinct ? 'DISTINCT ' : ''}${MEMBER}, `);
  return {
    cypher: `UNWIND range(0, size($batch) - 1) AS ${INDEX} WITH ${INDEX}, $batch[${INDEX}] AS ${MEMBER} CALL (${MEMBER}) { ${rewritten} } RETURN ${INDEX}, ${columns.join(', ')}`,
    fixed,
  };
}

/** Who a read is for: the operation's hang-up and its client; none for the server's own reads. */
export interface Origin {
  signal: AbortSignal | undefined;
  client: string;
}

interface Member {
  params: Params;
  origin: Origin | undefined;
  resolve: (rows: Row[]) => void;
  reject: (e: unknown) => void;
}

interface Group {
  cypher: string;
  batched: BatchedQuery;
  members: Member[];
}

export class ReadBatcher {
  private groups = new Map<string, Group>();
  private scheduled = false;
  /** Batched forms by read text; the texts are the store's own, a few dozen shapes. */
  private readonly forms = new Map<string, BatchedQuery | null>();

  /**
   * `send` runs one query (with its retries); `maxMembers` caps a batch, so that one slow
   * answer never holds many operations.
   */
  constructor(
    private readonly send: (cypher: string, params: Params, origin?: Origin) => Promise<Row[]>,
    private readonly maxMembers = 16,
  ) {}

  /**
   * Runs a read, with the reads of the same text and fixed values that arrive in this turn of
   * the event loop. `origin`: the operation that asks; a batch stops once every one of its
   * members has hung up, and waits for the planner (if it must) as its first member's client.
   */
  read(cypher: string, params: Params, columns: readonly string[], origin?: Origin): Promise<Row[]> {
    let batched = this.forms.get(cypher);
    if (batched === undefined) {
      batched = batchedQuery(cypher, columns);
      if (this.forms.size >= 1000) this.forms.clear();
      this.forms.set(cypher, batched);
    }
    if (!batched) return this.send(cypher, params, origin);
    const key = `${cypher}\u0000${batched.fixed.map((k) => JSON.stringify(params[k])).join('\u0000')}`;
    return new Promise((resolve, reject) => {
      let group = this.groups.get(key);
      if (!group) this.groups.set(key, (group = { cypher, batched: batched!, members: [] }));
      group.members.push({ params, origin, resolve, reject });
      if (group.members.length >= this.maxMembers) {
        this.groups.delete(key);
        this.run(group);
      } else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const groups = [...this.groups.values()];
    this.groups.clear();
    for (const g of groups) this.run(g);
  }

  private run(group: Group): void {
    const { members, batched, cypher } = group;
    if (members.length === 1) {
      const [only] = members;
      this.send(cypher, only!.params, only!.origin).then(only!.resolve, only!.reject);
      return;
    }
    const fixed = Object.fromEntries(batched.fixed.map((k) => [k, members[0]!.params[k]]));
    const batch = members.map((m) => Object.fromEntries(Object.entries(m.params).filter(([k]) => !batched.fixed.includes(k))));
    // A batch that holds a read of the server's own is not stopped by a client's hang-up.
    const hangUp = members.every((m) => m.origin) ? everyAborted(members.map((m) => m.origin!.signal)) : null;
    const origin = members[0]!.origin && { signal: hangUp?.signal, client: members[0]!.origin.client };
    this.send(batched.cypher, { ...fixed, batch }, origin).finally(() => hangUp?.dispose()).then(
      (rows) => {
        const by: Row[][] = members.map(() => []);
        for (const r of rows) {
          const i = r[INDEX] as number;
          delete r[INDEX];
          by[i]?.push(r);
        }
        members.forEach((m, i) => m.resolve(by[i]!));
      },
      (e) => {
        // Neo4j unreachable, the batch out of time, its text refused for now or every member
        // gone fails them all. Any other failure belongs to one member or to the batched form:
        // each is asked again alone, so that it gets its own answer or error.
        if (e instanceof StoreUnavailableError || e instanceof QueryTimeoutError || e instanceof StoreBusyError || e instanceof RequestAbortedError) members.forEach((m) => m.reject(e));
        else for (const m of members) this.send(cypher, m.params, m.origin).then(m.resolve, m.reject);
      },
    );
  }
}

/** A signal that aborts once every one of the signals has (none when any is missing), and a dispose that stops watching them. */
export function everyAborted(signals: readonly (AbortSignal | undefined)[]): { signal: AbortSignal | undefined; dispose: () => void } {
  if (signals.some((s) => !s)) return { signal: undefined, dispose: () => {} };
  const controller = new AbortController();
  const check = () => {
    if (signals.every((s) => s!.aborted)) controller.abort();
  };
  for (const s of signals) s!.addEventListener('abort', check, { once: true });
  check();
  return { signal: controller.signal, dispose: () => signals.forEach((s) => s!.removeEventListener('abort', check)) };
}
