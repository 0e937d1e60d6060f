import { defineConfig } from 'vitest/config';

/**
 * Two projects: everything that needs no Neo4j runs in parallel; the Neo4j tests run one file at
 * a time against one embedded Neo4j started by tests/helpers/neo4j-global.ts (or NEO4J_URI).
 */
const NEO4J_TESTS = ['tests/neo4j/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    // The JSON report lets CI print a plain "N passed, N failed" closing line.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      { test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: NEO4J_TESTS, testTimeout: 60_000 } },
      {
        test: {
          name: 'neo4j',
          include: NEO4J_TESTS,
          fileParallelism: false,
          globalSetup: ['tests/helpers/neo4j-global.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
