#!/usr/bin/env bash
# Run the development site, publishing scheduled pages (and draining the search outbox)
# every minute in the background.
set -euo pipefail
cd "$(dirname "$0")/.."
host=${1:-127.0.0.1}
port=${2:-8000}
py=.venv/bin/python

# Ends by itself when runserver (this process, after exec) does.
bash scripts/every_minute.sh $$ &

echo
echo "  The site:   http://$host:$port/"
echo "  The admin:  http://$host:$port/admin/  ($("$py" manage.py ensure_admin --quiet))"
echo
exec "$py" manage.py runserver "$host:$port"
