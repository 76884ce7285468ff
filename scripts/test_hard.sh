#!/usr/bin/env bash
# make test-hard [DB=b2b_hard]: the scaled-out installation under concurrency, on this machine.
# Starts scripts/cluster.sh (unless one is running; then it is used as it is), then runs
# tests/cluster (replica, nodes, nginx), tests/hard (races over HTTP; faults: a server of the
# tests' own killed in long work, a throwaway PostgreSQL on HARD_PG_PORT (5499) restarted under
# load) and the load bench bench/bench_load_portal.py (LOAD_SECONDS, default 60;
# LOAD_SECONDS=0 skips it), and prints one summary line "N passed, N failed". The database is
# created once and kept.
. "$(dirname "$0")/common.sh"
"$ROOT/scripts/setup.sh"
load_pg_env

started=""
if [ ! -f "$STATE/cluster/cluster.env" ]; then
    DB="${DB:-b2b_hard}" "$ROOT/scripts/cluster.sh" start
    started=1
fi
trap '[ -z "$started" ] || "$ROOT/scripts/cluster.sh" stop' EXIT
# shellcheck disable=SC1091
. "$STATE/cluster/cluster.env"

RUN="$STATE/test-hard-$$"
mkdir -p "$RUN"
(cd "$ROOT" && "$(odoo_python)" -m pytest -q -rs -s --junitxml="$RUN/hard.xml" tests/cluster tests/hard) || true
read -r passed failed skipped < <("$(odoo_python)" "$ROOT/scripts/junit_counts.py" "$RUN/hard.xml")
[ "$skipped" = 0 ] || { echo "error: $skipped test(s) skipped" >&2; failed=$((failed + skipped)); }

if [ "${LOAD_SECONDS:-60}" != 0 ]; then
    if (cd "$ROOT" && "$(odoo_python)" bench/bench_load_portal.py --db "$CLUSTER_DB" --url "$CLUSTER_URL" \
            --seconds "${LOAD_SECONDS:-60}") | tee "$RUN/load.log"; then
        passed=$((passed + 1))
    else
        echo "error: the load bench failed or missed its targets (see $RUN/load.log)" >&2
        failed=$((failed + 1))
    fi
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
