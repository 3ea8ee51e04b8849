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
COPY --from=deps /app/node_modules ./node_modules
COPY package.json openapi.yaml tsconfig.json ./
COPY app ./app
COPY db ./db
COPY plugins ./plugins
RUN rm -rf plugins/*/test && chown -R node:node /app
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--import", "tsx", "app/main.ts"]
