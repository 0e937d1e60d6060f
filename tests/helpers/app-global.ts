/**
 * Serves the app for the browser tests exactly as a user starts it: `npm start` (which builds the
 * explorer when stale, seeds the in-memory store and serves) on a free port, stopped with SIGTERM
 * at the end. The address reaches the tests through inject('appUrl').
 */
import type { TestProject } from 'vitest/node';
import { startApp } from './serve';

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const app = await startApp();
  project.provide('appUrl', app.url);
  return () => app.stop();
}
