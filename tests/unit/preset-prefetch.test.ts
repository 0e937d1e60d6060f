/** The first view of a bare URL is fetched before the interface starts, and taken once. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { prefetchPreset, presetData } from '../../client/src/app/useGraphActions';

const TYPES = ['Ministry', 'Committee'];

function fakeServer(fail = false) {
  const sent: string[] = [];
  vi.stubGlobal('fetch', async (_url: string, init: { body: string }) => {
    const body = JSON.parse(init.body) as { query?: string; variables?: Record<string, unknown> };
    sent.push(body.query?.startsWith('query Preset') ? 'preset' : 'neighborhood');
    if (fail) throw new TypeError('connection refused');
    const data = body.query?.startsWith('query Preset')
      ? { t0: [{ id: 'ministry:a' }], t1: [{ id: 'committee:b' }] }
      : { neighborhood: { truncated: false, nodes: [{ id: 'ministry:a', type: 'Ministry', name: 'A' }, { id: 'committee:b', type: 'Committee', name: 'B' }], relations: [{ id: 'r', type: 'CHAIRS', source: { id: 'ministry:a' }, target: { id: 'committee:b' } }] } };
    return new Response(JSON.stringify({ data }), { headers: { 'content-type': 'application/json' } });
  });
  return sent;
}

afterEach(() => vi.unstubAllGlobals());

describe('first view fetched early', () => {
  it('the preset asked for next takes the early answer without asking again; the one after asks', async () => {
    const sent = fakeServer();
    prefetchPreset(TYPES);
    const first = await presetData(TYPES);
    expect(first.ids).toEqual(['ministry:a', 'committee:b']);
    expect(first.sub.relations.map((r) => r.id)).toEqual(['r']);
    expect(sent).toEqual(['preset', 'neighborhood']);
    await presetData(TYPES);
    expect(sent).toEqual(['preset', 'neighborhood', 'preset', 'neighborhood']);
  });

  it('an early fetch that fails reports its error to the preset that takes it', async () => {
    fakeServer(true);
    prefetchPreset(TYPES);
    await expect(presetData(TYPES)).rejects.toMatchObject({ code: 'NETWORK' });
  });
});
