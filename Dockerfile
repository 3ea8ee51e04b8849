# syntax=docker/dockerfile:1
# Production image: production dependencies only (the postgres.js patch is applied at install), the
# compiled JavaScript of `npm run build` (dist/: code, migrations, openapi.yaml), a non-root user that cannot
# write them, and a health check.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# tsc and the asset copy, with the dev dependencies; only dist/ leaves this stage.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json openapi.yaml ./
COPY scripts ./scripts
COPY app ./app
COPY db ./db
COPY plugins ./plugins
RUN npm run build

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0
# Owned by root as copied: the node user the app runs as can read the code and its dependencies but not
# change them. Nothing under /app needs writing (logs go to stdout; the embedded PostgreSQL is not for
# containers: they get DATABASE_URL). package.json says the code is ES modules.
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
# Liveness only (/health); readiness (/ready, 503 while draining or when a dependency is down) is for the
# orchestrator's traffic routing.
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# node is PID 1 (exec form, no shell) and handles SIGTERM itself: a graceful drain of up to
# SHUTDOWN_TIMEOUT_SECONDS (15 by default), so give `docker stop -t` / stop_grace_period more than that.
# With WEB_CONCURRENCY (default: one worker per CPU in production, when REDIS_URL is set) it is the cluster's
# primary: it passes the signal on to every worker and exits after the last one. Stack traces point into
# dist/*.js; NODE_OPTIONS=--enable-source-maps maps them to the TypeScript (at a cost per trace).
# The same image runs the job workers without HTTP: `node dist/app/worker.js` (docker-compose.yml, worker),
# which handles SIGTERM the same way (running jobs get SHUTDOWN_TIMEOUT_SECONDS, then go back to the queue).
STOPSIGNAL SIGTERM
CMD ["node", "dist/app/main.js"]
