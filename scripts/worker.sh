#!/usr/bin/env bash
# The task worker for `make run`: `manage.py db_worker`, stopped (gracefully, SIGTERM)
# within a second of process PID ending.
# Usage: scripts/worker.sh PID
cd "$(dirname "$0")/.."
watch=$1
.venv/bin/python manage.py db_worker --no-reload &
worker=$!
while kill -0 "$watch" 2>/dev/null && kill -0 "$worker" 2>/dev/null; do
    sleep 1
done
kill -TERM "$worker" 2>/dev/null
wait "$worker"
