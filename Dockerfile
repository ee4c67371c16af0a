# The registry API on the current Node.js LTS (24). Build: docker build -t cmur-api .   (docker-compose.yml does this for you)
# CI runs on Node 20 (the oldest supported, engines >=20.19); the image runs Node 24: see README "Node.js versions".
FROM node:24-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary can be fetched.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps apps
COPY libs libs
# npm run build bundles the service with scripts/bundle-service.js.
COPY scripts scripts
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
WORKDIR /app
# Reference data ships with the image, outside the data volume (a volume would keep an old copy).
ENV NODE_ENV=production PORT=3000 LOG_FORMAT=json REFERENCE_DATA_DIR=/app/reference
# glibc raises its mmap threshold after each large free (up to 32 MiB), and then serves large transient buffers
# from its main heap, which fragments and is not given back: ~100 MiB of RSS after the benchmark's loads
# (bench/memory/composition.js). A fixed threshold keeps such buffers in mappings that go back on free.
ENV MALLOC_MMAP_THRESHOLD_=131072
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY package.json ./
COPY data/reference reference
# data/ (tokens.db, the first admin token, and the SQLite store when EVENT_STORE=sqlite) is a volume.
RUN mkdir -p data && chown node:node data
VOLUME ["/app/data"]
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/apps/api/src/main.js"]
