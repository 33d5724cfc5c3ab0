#!/usr/bin/env bash
# Run the development site, publishing scheduled pages (and draining the search outbox)
# every minute in the background.
set -euo pipefail
cd "$(dirname "$0")/.."
host=${1:-127.0.0.1}
port=${2:-8000}
py=.venv/bin/python

# Every minute: publish scheduled pages; apply search changes left by an Elasticsearch outage.
( while sleep 60; do
    "$py" manage.py publish_scheduled >/dev/null 2>&1 || true
    "$py" manage.py drain_search_outbox >/dev/null 2>&1 || true
done ) &
scheduler=$!
trap 'kill $scheduler 2>/dev/null || true' EXIT

echo
echo "  The site:   http://$host:$port/"
echo "  The admin:  http://$host:$port/admin/  ($("$py" manage.py ensure_admin --quiet))"
echo
exec "$py" manage.py runserver "$host:$port"
