#!/usr/bin/env bash
# A one-off schemathesis run over the whole API schema against a throwaway server (issue 17):
# a fresh SQLite database, the problems and take-homes, the demo candidate (token auth) with a
# take-home assigned by the demo reviewer, uvicorn as ./cvprep run starts it. Nothing grades:
# no worker runs, so grading messages stay in the Redis database given (use one of your own,
# never db 0).  The figures are in docs/api.md.
#
#   REDIS_URL=redis://127.0.0.1:6379/9 scripts/api_contract_run.sh [schemathesis run options]
#
# EXAMPLES (default 50) cases per operation, SEED (default 17), PORT (default 8917); the JSON
# report goes to $CVPREP_VAR_DIR/report (default var dir: a new temporary one).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY="${PY:-$ROOT/.venv/bin/python}"
BIN="$(dirname "$PY")"
: "${REDIS_URL:?set REDIS_URL to a Redis database of your own, e.g. redis://127.0.0.1:6379/9}"
export REDIS_URL DEBUG=1 CVPREP_VAR_DIR="${CVPREP_VAR_DIR:-$(mktemp -d /tmp/cvprep-contract.XXXX)}"
port="${PORT:-8917}"
cd "$ROOT"

"$PY" manage.py migrate --noinput -v0
"$PY" manage.py sync_problems >/dev/null
"$PY" manage.py sync_takehomes --skip-zips >/dev/null
"$PY" manage.py ensure_demo_user >/dev/null

"$BIN/uvicorn" backend.config.asgi:application --host 127.0.0.1 --port "$port" --workers 1 \
  --lifespan off --log-level warning &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break
  sleep 0.2
done

token_of() {
  curl -sf -d "username=$1" -d "password=$2" "http://127.0.0.1:$port/api/auth/token/" |
    "$PY" -c 'import json, sys; print(json.load(sys.stdin)["token"])'
}
candidate="$(token_of demo demo-pass-123)"
reviewer="$(token_of reviewer reviewer-pass-123)"
# Something for the assignment, hand-in and review operations to find.
curl -sf -H "Authorization: Token $reviewer" -H "Content-Type: application/json" \
  -d '{"takehome": "takehome_classification", "candidate": "demo"}' \
  "http://127.0.0.1:$port/api/assignments/" >/dev/null

"$BIN/schemathesis" run "http://127.0.0.1:$port/api/schema/" \
  -H "Authorization: Token $candidate" \
  --max-examples "${EXAMPLES:-50}" --seed "${SEED:-17}" --workers 1 \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,negative_data_rejection,positive_data_acceptance \
  --report json --report-dir "$CVPREP_VAR_DIR/report" "$@"
