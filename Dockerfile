# Multi-stage build: dependencies and the explorer are built in one stage, the runtime image
# keeps production dependencies, the sources and the built explorer only.
# Node 22 is the LTS line the image runs (package.json "engines" and the README list the
# supported versions). tests/neo4j/runtime-image.test.ts assembles the runtime stage as this file
# describes it (its COPY lines, npm ci --omit=dev, ENV, CMD and HEALTHCHECK) and runs it against
# Neo4j, since the test machines have no container engine.
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The explorer is part of the image: a build that produces no explorer stops here.
RUN npm run build && test -f client/dist/index.html || { echo 'the explorer (client/dist) was not built' >&2; exit 1; }

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production PORT=4000
WORKDIR /app
COPY package.json package-lock.json ./
# tsx (a production dependency) runs the TypeScript sources. The CMD is `npm start`'s command
# (tests/unit/compose.test.ts holds them together), without npm in between.
RUN npm ci --no-audit --no-fund --omit=dev && npm cache clean --force
COPY --from=build /app/graph-seed ./graph-seed
COPY --from=build /app/server/src ./server/src
COPY --from=build /app/client/dist ./client/dist
# The explorer's operations, which the server registers as persisted operations at start-up.
COPY --from=build /app/client/src/api ./client/src/api
COPY --from=build /app/tsconfig.json ./
USER node
EXPOSE 4000
# Asks the port the server listens on (PORT, which a deployment may change), not a fixed one.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=5 CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT || 4000}/readyz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--max-semi-space-size=32", "--import", "tsx", "server/src/main.ts"]
