#!/bin/sh
# `npm run worker`: the job workers without the HTTP API (app/worker.ts), as one process that one PID stops,
# like scripts/start.sh: the compiled JavaScript under NODE_ENV=production, the TypeScript sources otherwise.
set -eu
cd "$(dirname "$0")/.."
if [ "${NODE_ENV:-}" = production ]; then
  if [ ! -f dist/app/worker.js ]; then
    echo "NODE_ENV=production runs the compiled worker: run \`npm run build\` first (dist/app/worker.js is missing)" >&2
    exit 1
  fi
  exec node dist/app/worker.js "$@"
fi
exec node --import tsx app/worker.ts "$@"
