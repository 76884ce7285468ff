#!/usr/bin/env bash
# make test [MODULES=a,b]: set up, then on a fresh database run every test and print one
# summary line "N passed, N failed". Non-zero exit on any failure, error or skipped test.
. "$(dirname "$0")/common.sh"
"$ROOT/scripts/setup.sh"
load_pg_env
export ODOO_FLAVOUR=test

MODULES="${MODULES:-$ADDONS}"
for module in ${MODULES//,/ }; do
    [ -f "$ROOT/addons/$module/__manifest__.py" ] || die "unknown module '$module' in MODULES (ours: $ADDONS)"
done
passed=0; failed=0; problems=()
# Each run has its own database and log folder, so parallel runs do not meet.
RUN="$STATE/test-$$"
mkdir -p "$RUN"

# --- 1. pure-Python tests of each addon's lib/ (no database) ------------------------------
unit_dirs=()
for module in ${MODULES//,/ }; do
    [ -d "$ROOT/addons/$module/tests/unit" ] && unit_dirs+=("addons/$module/tests/unit")
done
if [ ${#unit_dirs[@]} -gt 0 ]; then
    info "unit tests: ${unit_dirs[*]}"
    (cd "$ROOT" && "$(odoo_python)" -m pytest -q -rs --junitxml="$RUN/unit.xml" "${unit_dirs[@]}") || true
    read -r u_pass u_fail u_skip < <("$(odoo_python)" "$ROOT/scripts/junit_counts.py" "$RUN/unit.xml")
    passed=$((passed + u_pass)); failed=$((failed + u_fail))
    [ "$u_skip" = 0 ] || problems+=("$u_skip unit test(s) skipped (see above)")
fi

# --- 2. Odoo tests (TransactionCase, HttpCase, tours) on a fresh database -----------------
# Databases of earlier runs whose process is gone are left-overs of failed runs.
for stale in $(pg_admin -Atc "SELECT datname FROM pg_database WHERE datname LIKE 'b2b\_test\_%'"); do
    kill -0 "${stale#b2b_test_}" 2>/dev/null || drop_db "$stale"
done
# Chromium's first start on a machine can take longer than the 10 s Odoo waits for it,
# which would skip the first tour; one throw-away start warms it up.
for browser in chromium chromium-browser google-chrome; do
    if command -v "$browser" >/dev/null; then
        timeout 90 "$browser" --headless --no-sandbox --disable-gpu --dump-dom about:blank \
            >/dev/null 2>&1 || true
        break
    fi
done
DB="b2b_test_$$"
log="$RUN/odoo.log"
http_port=$(free_port)
tags=$(echo "$MODULES" | sed -e 's#^#/#' -e 's#,#,/#g')
# Russian is installed as under make run: the tests see the portal its users see.
info "Odoo tests of $MODULES on database $DB (log: $log)"
set +e
odoo -d "$DB" -i "$MODULES" --with-demo --load-language=ru_RU --test-enable --test-tags "$tags" --stop-after-init \
    --http-port="$http_port" >"$log" 2>&1
odoo_rc=$?
set -e
result=$(grep -E "of [0-9]+ tests when loading database" "$log" | tail -n1 || true)
if [ -z "$result" ]; then
    tail -n 40 "$log" >&2
    problems+=("Odoo did not finish its test run (exit $odoo_rc); see $log")
else
    read -r o_fail o_err o_total < <(echo "$result" | sed -E 's/.* ([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\1 \2 \3/')
    passed=$((passed + o_total - o_fail - o_err)); failed=$((failed + o_fail + o_err))
fi
# A skipped tour means Chromium or websocket-client is missing: that must not look green.
while IFS= read -r line; do
    problems+=("skipped: ${line#*: skipped }")
done < <(grep -E "^[0-9-]+ [0-9:,]+ [0-9]+ INFO [^ ]+ [^ ]+: skipped " "$log" || true)
errors=$(grep -cE "^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) " "$log" || true)
if [ "$errors" != 0 ]; then
    # head closing the pipe early must not end the script (pipefail) before the summary.
    { grep -E "^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) " -A12 "$log" | head -150 >&2; } || true
    problems+=("$errors ERROR line(s) in the Odoo log $log")
fi

# --- 3. end-to-end tests over HTTP against a running server -------------------------------
# Cross-module end-to-end tests need every addon, so they run only in the full suite.
if [ "$MODULES" = "$ADDONS" ] && [ -d "$ROOT/tests/e2e" ] && [ -n "$result" ]; then
    e2e_port=$(free_port)
    # The server sends its e-mails to an SMTP sink, as under make run; the tests read them.
    "$(odoo_python)" "$ROOT/scripts/mail_sink.py" --dir "$RUN/mail" --port 0 \
        --port-file "$RUN/mail-sink.port" >"$RUN/mail-sink.log" 2>&1 &
    sink_pid=$!
    for _ in $(seq 50); do
        [ -s "$RUN/mail-sink.port" ] && break
        sleep 0.1
    done
    mail_port=$(cat "$RUN/mail-sink.port" 2>/dev/null || echo 0)
    # Served as in production: prefork, two HTTP workers (each request may land on either,
    # so nothing may live in one process's memory only) and the gevent worker of the bus.
    set_report_url "$DB" "http://127.0.0.1:$e2e_port"
    # Not through the odoo() function: $! must be Odoo itself for the kill below to stop it.
    "$(odoo_python)" "$ODOO_BIN" -c "$STATE/odoo.test.conf" -d "$DB" --http-port="$e2e_port" \
        --workers=2 --gevent-port="$(free_port)" "${WORKER_LIMITS[@]}" \
        --db-filter="^$DB\$" --max-cron-threads=0 --smtp=127.0.0.1 --smtp-port="$mail_port" \
        >"$RUN/e2e-server.log" 2>&1 &
    server_pid=$!
    trap 'kill $server_pid $sink_pid 2>/dev/null || true' EXIT
    for _ in $(seq 120); do
        curl -fs "http://127.0.0.1:$e2e_port/web/health" >/dev/null 2>&1 && break
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.5
    done
    workers=$(grep -c "Worker WorkerHTTP ([0-9]*) alive" "$RUN/e2e-server.log" || true)
    [ "$workers" -ge 2 ] || problems+=("the end-to-end server did not start 2 HTTP workers (see $RUN/e2e-server.log)")
    info "end-to-end tests against http://127.0.0.1:$e2e_port ($workers HTTP workers)"
    (cd "$ROOT" && ODOO_URL="http://127.0.0.1:$e2e_port" ODOO_DB="$DB" MAIL_DIR="$RUN/mail" \
        "$(odoo_python)" -m pytest -q -rs --junitxml="$RUN/e2e.xml" tests/e2e) || true
    kill "$server_pid" "$sink_pid" 2>/dev/null || true
    wait "$server_pid" "$sink_pid" 2>/dev/null || true
    read -r e_pass e_fail e_skip < <("$(odoo_python)" "$ROOT/scripts/junit_counts.py" "$RUN/e2e.xml")
    passed=$((passed + e_pass)); failed=$((failed + e_fail))
    [ "$e_skip" = 0 ] || problems+=("$e_skip end-to-end test(s) skipped (see above)")
fi

for problem in "${problems[@]}"; do echo "error: $problem" >&2; done
if [ "$failed" = 0 ] && [ ${#problems[@]} = 0 ] && [ "$passed" -gt 0 ]; then
    drop_db "$DB"
    rm -rf "$RUN"
    echo "$passed passed, $failed failed"
    exit 0
fi
echo "(database $DB kept for inspection)" >&2
echo "$passed passed, $failed failed"
exit 1
