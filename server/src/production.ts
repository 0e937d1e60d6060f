/**
 * Imported first by the server's entry point, before any module reads NODE_ENV at load: unless
 * the environment says otherwise, the server runs as in production. graphql-js otherwise checks
 * every type test it makes for a second copy of itself (its development instanceOf), about a
 * sixth of the time spent executing an operation. The container image sets the same.
 */
process.env.NODE_ENV ??= 'production';
