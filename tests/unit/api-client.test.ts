import { afterEach, describe, expect, it, vi } from 'vitest';
import { gql } from '../../client/src/api/client';
import { EXPLORER_OPERATIONS } from '../../client/src/api/operations';

/** A fake /graphql that knows the hashes it is given and records what it was sent. */
function fakeServer(known: boolean) {
  const sent: Record<string, unknown>[] = [];
  vi.stubGlobal('fetch', async (_url: string, init: { body: string }) => {
    const body = JSON.parse(init.body) as Record<string, unknown>;
    sent.push(body);
    const byHashOnly = !body.query;
    const answer = byHashOnly && !known ? { errors: [{ message: 'not found', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] } : { data: { ok: true } };
    return new Response(JSON.stringify(answer), { headers: { 'content-type': 'application/json' } });
  });
  return sent;
}

afterEach(() => vi.unstubAllGlobals());

describe('the explorer GraphQL client', () => {
  it('sends a persisted operation as its hash alone when the server knows it', async () => {
    const sent = fakeServer(true);
    await expect(gql(EXPLORER_OPERATIONS.SEARCH!, { q: 'labour' })).resolves.toEqual({ ok: true });
    expect(sent).toHaveLength(1);
    expect(sent[0]).not.toHaveProperty('query');
    expect(sent[0]).toMatchObject({ extensions: { persistedQuery: { version: 1, sha256Hash: expect.stringMatching(/^[0-9a-f]{64}$/) } } });
  });

  it('falls back to the text when the server does not know the hash', async () => {
    const sent = fakeServer(false);
    await expect(gql(EXPLORER_OPERATIONS.SEARCH!, { q: 'labour' })).resolves.toEqual({ ok: true });
    expect(sent.map((b) => typeof b.query)).toEqual(['undefined', 'string']);
  });

  it('sends an operation built at run time as text in one request, with no hash to miss', async () => {
    const sent = fakeServer(false);
    await expect(gql('query Preset { t0: entities(type: "Ministry", limit: 1000) { id } }')).resolves.toEqual({ ok: true });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ query: expect.stringContaining('query Preset') });
    expect(sent[0]).not.toHaveProperty('extensions');
  });
});
