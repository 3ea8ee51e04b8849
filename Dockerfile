# syntax=docker/dockerfile:1
# Production image: production dependencies only (the postgres.js patch is applied at install), the
# TypeScript sources run by tsx, a non-root user, and a health check.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0
# Owned by the node user as copied (no second, chown-ed copy of node_modules in another layer).
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --chown=node:node package.json openapi.yaml tsconfig.json ./
COPY --chown=node:node app ./app
COPY --chown=node:node db ./db
COPY --chown=node:node plugins ./plugins
RUN rm -rf plugins/*/test && chown node:node /app
USER node
EXPOSE 3000
# Liveness only (/health); readiness (/ready, 503 while draining or when a dependency is down) is for the
# orchestrator's traffic routing.
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# node is PID 1 (exec form, no shell) and handles SIGTERM itself: a graceful drain of up to
# SHUTDOWN_TIMEOUT_SECONDS (15 by default), so give `docker stop -t` / stop_grace_period more than that.
STOPSIGNAL SIGTERM
CMD ["node", "--import", "tsx", "app/main.ts"]
