/**
 * Configuration, read once from the environment and validated: each mistake gets its own line.
 */
import { z } from 'zod';

const Env = z
  .object({
    PORT: z.coerce.number().int().min(1, 'PORT must be a port number from 1 to 65535').max(65535, 'PORT must be a port number from 1 to 65535').default(4000),
    HOST: z.string().min(1).default('0.0.0.0'),
    NEO4J_URI: z
      .string()
      .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\/\S+$/, 'NEO4J_URI must look like bolt://host:7687 or neo4j://host:7687')
      .optional(),
    NEO4J_USER: z.string().min(1).default('neo4j'),
    NEO4J_PASSWORD: z.string().optional(),
    NEO4J_DATABASE: z.string().min(1).default('neo4j'),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    QUERY_TIMEOUT_MS: z.coerce.number().int().min(100, 'QUERY_TIMEOUT_MS must be at least 100').max(120_000, 'QUERY_TIMEOUT_MS must be at most 120000').default(10_000),
    /** How long start-up waits for Neo4j to answer before giving up. */
    NEO4J_WAIT_MS: z.coerce.number().int().min(0).max(600_000).default(60_000),
    /** Origins other than the server's own that may call the API from a browser, comma-separated. */
    CORS_ORIGINS: z
      .string()
      .default('')
      .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean))
      .refine((list) => list.every((o) => /^https?:\/\/[^/\s]+$/.test(o)), 'CORS_ORIGINS must list origins like https://example.org (scheme, host and optional port, no path), separated by commas'),
    /**
     * Host names the server answers to besides localhost and IP addresses, comma-separated (`*`:
     * any). A page on another site whose name is made to point at this server (DNS rebinding)
     * sends its own name as Host; the server refuses it.
     */
    ALLOWED_HOSTS: z
      .string()
      .default('')
      .transform((v) => v.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean))
      .refine((list) => list.every((h) => h === '*' || /^[a-z0-9.-]+$/.test(h)), 'ALLOWED_HOSTS must list host names like graph.example.org (no scheme or port), separated by commas, or *'),
    /** Largest accepted operation cost: the most list items an answer can hold. */
    QUERY_COST_LIMIT: z.coerce.number().int().min(100, 'QUERY_COST_LIMIT must be at least 100').max(10_000_000, 'QUERY_COST_LIMIT must be at most 10000000').default(50_000),
    /** Most connections open at once. */
    MAX_CONNECTIONS: z.coerce.number().int().min(1).max(100_000).default(1024),
    /** Time a client has to send a whole request, in ms. */
    REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
    /** Whether heavy operations run on a thread of their own (with its own copy of a memory store). */
    HEAVY_THREAD: z.enum(['on', 'off'], { message: 'HEAVY_THREAD must be on or off' }).default('on'),
  })
  .superRefine((env, ctx) => {
    if (!env.NEO4J_URI && (env.NEO4J_PASSWORD || process.env.NEO4J_USER)) {
      ctx.addIssue({ code: 'custom', path: ['NEO4J_URI'], message: 'NEO4J_USER or NEO4J_PASSWORD is set but NEO4J_URI is not; set NEO4J_URI to use Neo4j' });
    }
  });

export type Config = z.infer<typeof Env>;

export class ConfigError extends Error {}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    throw new ConfigError(`invalid configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.') || 'environment'}: ${i.message}`).join('\n')}`);
  }
  return parsed.data;
}
