import { defineConfig } from 'vitest/config';

/**
 * Three projects: everything that needs neither Neo4j nor a browser runs in parallel; the Neo4j
 * tests run one file at a time against one embedded Neo4j started by tests/helpers/neo4j-global.ts
 * (or NEO4J_URI); the browser tests run one file at a time in headless Chromium against the app
 * that tests/helpers/app-global.ts starts with npm start.
 */
const NEO4J_TESTS = ['tests/neo4j/**/*.test.ts'];
const BROWSER_TESTS = ['tests/e2e/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    // The JSON report lets CI print a plain "N passed, N failed" closing line.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      { test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: [...NEO4J_TESTS, ...BROWSER_TESTS], testTimeout: 60_000 } },
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
      {
        test: {
          name: 'e2e',
          include: BROWSER_TESTS,
          fileParallelism: false,
          globalSetup: ['tests/helpers/app-global.ts'],
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
