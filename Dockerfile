# Multi-stage build: dependencies and the explorer are built in one stage, the runtime image
# keeps production dependencies, the sources and the built explorer only.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build --if-present

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production PORT=4000
WORKDIR /app
COPY package.json package-lock.json ./
# tsx (a production dependency) runs the TypeScript sources. The CMD is `npm start`'s command
# (tests/unit/compose.test.ts holds them together), without npm in between.
RUN npm ci --no-audit --no-fund --omit=dev && npm cache clean --force
COPY --from=build /app/graph-seed ./graph-seed
COPY --from=build /app/server/src ./server/src
COPY --from=build /app/client ./client
COPY --from=build /app/tsconfig.json ./
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 CMD node -e "fetch('http://127.0.0.1:4000/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["node", "--max-semi-space-size=32", "--import", "tsx", "server/src/main.ts"]
