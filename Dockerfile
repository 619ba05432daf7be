# Marginalia: one image for the server (REST API, collaboration socket and the built client).
# Debian (glibc) base on purpose: @node-rs/argon2 ships a linux-x64-gnu / linux-arm64-gnu napi binary, not a musl one.
# Build: docker build -t marginalia .   Run: see docs/operations.md.

ARG NODE_IMAGE=node:20-bookworm-slim

# All dependencies, dev ones included: vite is needed to build the client.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# The client bundle, written to dist/client, and the server's JavaScript, written to dist/server.
FROM deps AS build
COPY . .
RUN npm run build

# Runtime dependencies only. pg, express... are runtime dependencies; so are tsx and esbuild, with which
# bin/marginalia.js runs the TypeScript sources should dist/server be missing or older than them.
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
# Uploads (and, without DATABASE_URL, the embedded database) live in DATA_DIR; mount a volume there.
# A new named volume mounted on /data takes this directory's owner, so the node user can write to it.
RUN mkdir -p /data && chown node:node /data
COPY --from=prod-deps /app/node_modules ./node_modules
# The sources (node_modules, dist, data, tests' output... are left out by .dockerignore), then the built client.
# Owned by root: the node user can read them but not change them (serve never writes into /app).
COPY . .
COPY --from=build /app/dist/client ./dist/client
COPY --from=build /app/dist/server ./dist/server
USER node
EXPOSE 3000
# /healthz answers 200 while the process is up (readiness, /readyz, is what the load balancer checks).
# Node's own fetch, since the slim image has no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Exec form, no shell in between: node itself receives SIGTERM and shuts down gracefully. The V8 flags keep the
# process small (bin/node-flags.js, docs/operations.md "Memory").
CMD ["node", "--max-semi-space-size=1", "--v8-pool-size=1", "--heap-growing-percent=20", "--single-threaded-gc", "bin/marginalia.js", "serve"]
