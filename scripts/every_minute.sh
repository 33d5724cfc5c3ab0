#!/usr/bin/env bash
# What production runs from cron (deploy/systemd/cms-every-minute.timer) every minute:
# `manage.py every_minute` (re-queue a dead worker's tasks, publish scheduled pages, apply
# search changes an Elasticsearch outage left pending, send due newsletters). `make run` and `make serve` run
# this loop beside the task worker.
# Usage: scripts/every_minute.sh [PID]   (stops within a second of process PID ending)
cd "$(dirname "$0")/.."
py=.venv/bin/python
watch=${1:-}
seconds=0
while sleep 1; do
    if [[ -n "$watch" ]] && ! kill -0 "$watch" 2>/dev/null; then
        exit 0
    fi
    (( ++seconds % 60 )) && continue
    "$py" manage.py every_minute >/dev/null 2>&1 || true
done
