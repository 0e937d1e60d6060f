/**
 * The report: its outline (chapters, sections, exhibits) and its passages. The open passage is
 * scrolled to and its span highlighted; mentions are marked by type and open their entity;
 * citations open their study; table passages render as tables.
 */
import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import { gql } from '../api/client';
import { DOCUMENT, TABLES, type DocumentData, type EntityRef, type PassageData, type TableData } from '../api/queries';
import { typeStyle } from '../core/style';
import { chapterHeading, segmentText } from '../core/text';
import { DataTable } from './Tables';

interface Props {
  passage: string | null;
  span: [number, number] | null;
  /** What the highlighted span is shown as evidence for ("MOI chairs MWG"), when opened from a relation. */
  reason?: string | null;
  onOpenPassage(id: string, span: [number, number] | null): void;
  onSelectEntity(e: EntityRef): void;
}

export function Reader({ passage, span, reason, onOpenPassage, onSelectEntity }: Props) {
  const [docs, setDocs] = useState<DocumentData['documents']>([]);
  const [docIndex, setDocIndex] = useState(0);
  const [tables, setTables] = useState<TableData[]>([]);
  const [error, setError] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    Promise.all([gql<DocumentData>(DOCUMENT), gql<{ tables: TableData[] }>(TABLES)]).then(
      ([d, t]) => {
        setDocs(d.documents);
        setTables(t.tables);
      },
      (e: Error) => setError(e.message),
    );
  }, []);

  // Opening a passage shows the report that holds it; the picker shows another.
  useEffect(() => {
    const holding = passage ? docs.findIndex((d) => d.chapters.some((c) => c.sections.some((s) => s.passages.some((p) => p.id === passage)))) : -1;
    if (holding >= 0) setDocIndex(holding);
  }, [docs, passage]);
  const doc = docs[docIndex] ?? null;

  useEffect(() => {
    if (!doc || !passage) return;
    const el = scroller.current?.querySelector(`[data-passage="${CSS.escape(passage)}"]`);
    const target = el?.querySelector('mark.evidence') ?? el;
    target?.scrollIntoView({ block: 'center' });
  }, [doc, passage, span]);

  const tableByPassage = useMemo(() => new Map(tables.map((t) => [t.passage?.id, t])), [tables]);

  if (error) return <p className="error" role="alert">The report could not be loaded: {error}</p>;
  if (!doc) return <p className="status">Loading the report…</p>;

  return (
    <div className="reader" data-testid="reader">
      <nav className="outline" aria-label="Outline">
        {docs.length > 1 && (
          <select aria-label="Report" value={docIndex} onChange={(e) => setDocIndex(Number(e.target.value))}>
            {docs.map((d, i) => (
              <option key={d.id} value={i}>
                {d.title}
              </option>
            ))}
          </select>
        )}
        <h2>{doc.title}</h2>
        {doc.chapters.map((c) => (
          <details key={c.number} open>
            <summary>{chapterHeading(c, doc.chapters.length)}</summary>
            <ul>
              {c.sections.map((s, i) => (
                <li key={i}>
                  <button className="link" onClick={() => s.passages[0] && onOpenPassage(s.passages[0].id, null)}>{s.title}</button>
                </li>
              ))}
            </ul>
          </details>
        ))}
        <details>
          <summary>Tables, figures, boxes and notes ({doc.exhibits.length})</summary>
          <ul>
            {doc.exhibits.map((x) => (
              <li key={x.label}>
                <button className="link" onClick={() => x.passage && onOpenPassage(x.passage.id, null)}>
                  {x.label}: {x.title}
                </button>
              </li>
            ))}
          </ul>
        </details>
      </nav>
      <div className="text" ref={scroller}>
        {doc.chapters.map((c) => (
          <article key={c.number}>
            {c.sections.map((s, i) => (
              <section key={i}>
                {s.passages.map((p) => (
                  <PassageView key={p.id} p={p} open={p.id === passage} span={p.id === passage ? span : null} reason={p.id === passage && span ? reason : null} table={tableByPassage.get(p.id)} onSelectEntity={onSelectEntity} />
                ))}
              </section>
            ))}
          </article>
        ))}
      </div>
    </div>
  );
}

function PassageView({ p, open, span, reason, table, onSelectEntity }: { p: PassageData; open: boolean; span: [number, number] | null; reason?: string | null; table?: TableData; onSelectEntity(e: EntityRef): void }) {
  const segments = segmentText(p.text, p.mentions, span);
  const Tag = p.kind === 'heading' ? 'h3' : p.kind === 'list-item' ? 'li' : 'p';
  // A list item stands in a list of its own, so that it is announced as one.
  const Wrap = p.kind === 'list-item' ? 'ul' : Fragment;
  return (
    <div className={`passage kind-${p.kind}${open ? ' open' : ''}`} data-passage={p.id} id={`passage-${p.id}`}>
      {reason && <div className="evidence-for" data-testid="evidence-for">Evidence for <strong>{reason}</strong>, highlighted:</div>}
      {p.page ? <span className="page" title={`Page ${p.pageLabel ?? p.page}`}>p. {p.pageLabel ?? p.page}</span> : null}
      {p.label && <div className="label">{p.label}</div>}
      {table ? (
        <DataTable table={table} />
      ) : (
        <Wrap>
        <Tag>
          {segments.map((s, i) => {
            // An inline element with the button role: a <button> is laid out as an inline block, which
            // breaks lines around a name ("(IPPMD" / ") project") instead of inside it.
            const open = () => onSelectEntity({ id: s.mention!.entityId, type: s.mention!.type, name: s.mention!.name });
            const inner = s.mention ? (
              <span
                key={i}
                role="button"
                tabIndex={0}
                className="mention"
                style={{ borderBottomColor: typeStyle(s.mention.type).color }}
                title={`${typeStyle(s.mention.type).label}: ${s.mention.name}`}
                onClick={open}
                onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), open())}
              >
                {s.text}
              </span>
            ) : (
              <span key={i}>{s.text}</span>
            );
            return s.highlighted ? (
              <mark key={i} className="evidence" data-testid="highlight">
                {inner}
              </mark>
            ) : (
              inner
            );
          })}
        </Tag>
        </Wrap>
      )}
      {p.citations.length > 0 && (
        <div className="citations small">
          Cites:{' '}
          {p.citations.map((c) => (
            <button key={c.id} className="chip" onClick={() => onSelectEntity(c)}>
              {c.name}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

