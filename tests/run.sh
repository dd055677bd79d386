#!/usr/bin/env bash
# Runs the suite the way CI does: everything on SQLite, then the database tests again on PostgreSQL.
# KETING_REQUIRE_POSTGRES=1 makes a missing TEST_DATABASE_URL an error instead of a skip;
# KETING_REQUIRE_BROWSER=1 does the same for the Chromium tests.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

status=0
echo "== suite on SQLite"
env -u TEST_DATABASE_URL "$PY" -m pytest -q -p no:cacheprovider "$@" || status=$?

if [ -n "${TEST_DATABASE_URL:-}" ]; then
  echo "== database tests on PostgreSQL"
  KETING_TEST_POSTGRES=1 "$PY" -m pytest -q -p no:cacheprovider -m "not browser" \
    --ignore=tests/matching "$@" || status=$?
elif [ "${KETING_REQUIRE_POSTGRES:-0}" = "1" ]; then
  echo "KETING_REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set" >&2
  status=1
fi
exit $status
