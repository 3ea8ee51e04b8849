#!/bin/sh
# `npm start`: the API as one process tree that one PID stops (exec: npm's child is node itself, and npm passes
# SIGINT/SIGTERM on to it). NODE_ENV=production runs the compiled JavaScript of `npm run build` (dist/);
# otherwise the TypeScript sources through tsx's loader, in the same process (not the tsx CLI, which would
# spawn a second node process).
set -eu
cd "$(dirname "$0")/.."
if [ "${NODE_ENV:-}" = production ]; then
  if [ ! -f dist/app/main.js ]; then
    echo "NODE_ENV=production runs the compiled server: run \`npm run build\` first (dist/app/main.js is missing)" >&2
    exit 1
  fi
  exec node dist/app/main.js "$@"
fi
exec node --import tsx app/main.ts "$@"
