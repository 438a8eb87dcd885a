# syntax=docker/dockerfile:1
# Knowledge Card web service (Next.js standalone). Build context: repo root.
#   docker buildx build --platform linux/amd64,linux/arm64 -t knowledge-card-app .
# The runner stage is also replayed by app/test/server.test.mjs (every
# `COPY --from=builder`, and the checksum-pinned ADD of the RDS CA bundle), so
# keep those lines in the plain form used here.

FROM node:22.21.1-alpine3.22 AS deps
WORKDIR /app
# Lockfile install; npm's own registry client picks the right @next/swc and
# sharp builds for the target platform (musl, amd64 or arm64).
COPY app/package.json app/package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM node:22.21.1-alpine3.22 AS builder
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY app/ ./
RUN npm run build

FROM node:22.21.1-alpine3.22 AS runner
WORKDIR /app
# npm (for `npm run migrate`) must not write under a read-only root fs.
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    NPM_CONFIG_CACHE=/tmp/.npm \
    NPM_CONFIG_UPDATE_NOTIFIER=false
RUN addgroup -S -g 1001 nodejs \
 && adduser -S -D -H -u 1001 -G nodejs nextjs
# The RDS CA bundle DB_CA_FILE defaults to (DB_SSL=verify-full), fetched at build time and verified
# against its published SHA-256 (the 108-certificate bundle; the same digest is pinned by e.g.
# PeerDB-io/peerdb stacks/flow.Dockerfile). When AWS adds a CA the build fails here: update both.
# A downloaded file is created 0600 (Dockerfile reference, ADD): 0444 lets the app user read it.
ADD --chmod=0444 --checksum=sha256:e5bb2084ccf45087bda1c9bffdea0eb15ee67f0b91646106e466714f9de3c7e3 \
    https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem /app/certs/rds-global-bundle.pem
# Application files stay root-owned: the app user cannot modify its own code.
# server.js, package.json (with the migrate script) and traced node_modules:
COPY --from=builder /app/.next/standalone ./
COPY --from=builder /app/.next/static ./.next/static
COPY --from=builder /app/public ./public
# Start-up wrapper and the migrator with its SQL files (npm run migrate).
COPY --from=builder /app/start.mjs ./start.mjs
COPY --from=builder /app/lib ./lib
COPY --from=builder /app/scripts/migrate.mjs ./scripts/migrate.mjs
COPY --from=builder /app/migrations ./migrations
# The only app-writable paths. Under a read-only root filesystem ECS mounts a bind volume at each;
# for a containerPath that matches a VOLUME here, ECS copies the image directory (with its owner
# and mode) into the volume, which is how uid 1001 can write them on Fargate.
RUN mkdir -p .next/cache && chown nextjs:nodejs .next/cache && chmod 1777 /tmp
VOLUME ["/tmp", "/app/.next/cache"]
USER nextjs
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "start.mjs"]
