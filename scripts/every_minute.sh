#!/usr/bin/env bash
# What production runs from cron, every minute: publish scheduled pages, and apply search
# changes left pending by an Elasticsearch outage, send due newsletters. `make run` and `make serve` run this loop.
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
    "$py" manage.py publish_scheduled >/dev/null 2>&1 || true
    "$py" manage.py drain_search_outbox >/dev/null 2>&1 || true
    "$py" manage.py send_newsletters >/dev/null 2>&1 || true
done
