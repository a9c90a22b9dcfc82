#!/usr/bin/env bash
# Serve the app with gunicorn on 127.0.0.1, beside its background worker (if any),
# and say where to open it. Ctrl-C stops both.
set -euo pipefail
host=${1:-127.0.0.1}
port=${2:-8000}
cd "$(dirname "$0")/.."
# The address links and QR codes name; requests for any other host are refused.
export PUBLIC_BASE_URL=${PUBLIC_BASE_URL:-http://${host}:${port}}

echo
echo "Peer support app: open http://${host}:${port}/ in a browser."
echo "Family visitors' page: http://${host}:${port}/units/willow-house"
.venv/bin/flask --app wsgi seed-demo --print-logins | tail -n +2
echo

pids=()
if .venv/bin/flask --app wsgi push --help >/dev/null 2>&1; then
  .venv/bin/flask --app wsgi push worker &
  pids+=($!)
fi
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT INT TERM
.venv/bin/gunicorn --bind "${host}:${port}" --workers 2 --threads 4 \
  --access-logfile - --logger-class app.gunicorn_logging.FeedbackSafeLogger \
  --log-level warning wsgi:app
