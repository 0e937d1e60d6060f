import { inject } from 'vitest';
import { loadBundle } from '../../server/src/store/neo4j/load';
import { Neo4jGraphStore } from '../../server/src/store/neo4j/Neo4jGraphStore';
import { describeStoreContract } from '../contract/store-contract';

describeStoreContract('neo4j', async (bundle) => {
  const { uri, user, password } = inject('neo4j');
  const store = Neo4jGraphStore.open({ uri, user, password, database: 'neo4j', queryTimeoutMs: 30_000 });
  await loadBundle(store.driver, bundle, { reseed: true });
  return store;
});
