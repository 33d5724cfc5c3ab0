#!/usr/bin/env bash
# Run the development site with a task worker beside it (emails, search drains, purges:
# background/), and the every-minute jobs (scheduled publishing) in the background.
set -euo pipefail
cd "$(dirname "$0")/.."
host=${1:-127.0.0.1}
port=${2:-8000}
py=.venv/bin/python

# Both end by themselves when runserver (this process, after exec) does.
bash scripts/every_minute.sh $$ &
bash scripts/worker.sh $$ &

echo
echo "  The site:   http://$host:$port/"
echo "  The admin:  http://$host:$port/admin/  ($("$py" manage.py ensure_admin --quiet))"
echo "  The worker: manage.py db_worker (tasks: /admin/ > Django Tasks, or see README)"
echo
exec "$py" manage.py runserver "$host:$port"
