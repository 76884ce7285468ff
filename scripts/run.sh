#!/usr/bin/env bash
# make run [WORKERS=n] [PORT=8069]: set everything up, create the demo database once, serve it
# on localhost:8069. WORKERS=0 serves from one threaded process; n > 0 (default: 2 × CPU + 1)
# serves in prefork mode with n HTTP workers and the gevent worker of the bus, behind nginx
# (scripts/proxy.sh), which sends /websocket to the gevent worker; the scheduled jobs run in
# a process of their own at a lower CPU priority (nice 10).
. "$(dirname "$0")/common.sh"
. "$ROOT/scripts/proxy.sh"
"$ROOT/scripts/setup.sh"
load_pg_env

DB="${DB:-b2b_demo}"
PORT="${PORT:-8069}"
WORKERS="${WORKERS:-$((2 * $(nproc) + 1))}"
[[ "$WORKERS" =~ ^[0-9]+$ ]] || die "WORKERS must be a number (0: one threaded process)"
port_is_free "$PORT" || die "port $PORT is taken (another Odoo?); stop it or run 'make run PORT=8070'"
# Demo data is loaded once, when the database is created: a demo database from before the
# portal spoke Russian (no Russian installed) is created again.
if db_is_complete "$DB" \
        && [ "$(psql -X -q -d "$DB" -Atc "SELECT count(*) FROM res_lang WHERE code = 'ru_RU' AND active")" != 1 ]; then
    info "$DB has no Russian: creating it again"
    drop_db "$DB"
fi
# The database is reused; when the addons changed since it was last set up, they are updated.
code_stamp=$(cd "$ROOT" && git ls-files -s addons 2>/dev/null | sha1sum | cut -c1-16)
if db_is_complete "$DB"; then
    if [ "$(cat "$STATE/$DB.stamp" 2>/dev/null)" != "$code_stamp" ]; then
        info "updating the addons in $DB (log: $STATE/update-$DB.log)"
        odoo -d "$DB" -u "$ADDONS" --stop-after-init --no-http >"$STATE/update-$DB.log" 2>&1 \
            || die "updating the addons in $DB failed; see $STATE/update-$DB.log"
    else
        info "reusing database $DB"
    fi
else
    db_exists "$DB" && drop_db "$DB"
    "$ROOT/scripts/create_db.sh" "$DB"
fi
echo "$code_stamp" > "$STATE/$DB.stamp"

"$ROOT/scripts/demo_logins.sh" "$DB" "http://localhost:$PORT"

# Every e-mail Odoo sends (orders, invoices, proposals, logins) goes to a local SMTP sink on
# loopback that keeps each one as a file: nothing leaves the machine.
MAIL_DIR="$STATE/mail"
rm -f "$STATE/mail-sink-$PORT.port"
"$(odoo_python)" "$ROOT/scripts/mail_sink.py" --dir "$MAIL_DIR" --port "${MAIL_PORT:-0}" \
    --port-file "$STATE/mail-sink-$PORT.port" >"$STATE/mail-sink-$PORT.log" 2>&1 &
sink_pid=$!
trap 'kill $sink_pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do
    [ -s "$STATE/mail-sink-$PORT.port" ] && break
    kill -0 "$sink_pid" 2>/dev/null || die "the mail sink did not start; see $STATE/mail-sink-$PORT.log"
    sleep 0.1
done
[ -s "$STATE/mail-sink-$PORT.port" ] || die "the mail sink did not start; see $STATE/mail-sink-$PORT.log"
mail_port=$(cat "$STATE/mail-sink-$PORT.port")
info "e-mails go to the sink on 127.0.0.1:$mail_port: one .eml each in $MAIL_DIR, listed in file://$MAIL_DIR/index.html"

serve=(-c "$STATE/odoo.dev.conf" -d "$DB" --db-filter="^$DB\$" --smtp=127.0.0.1 --smtp-port="$mail_port")
if [ "$WORKERS" = 0 ]; then
    set_report_url "$DB" "http://127.0.0.1:$PORT"
    info "serving http://localhost:$PORT from one threaded process (Ctrl-C to stop)"
    "$(odoo_python)" "$ODOO_BIN" "${serve[@]}" --http-port="$PORT" --workers=0
    exit
fi
cron_serve=("${serve[@]}")
serve+=(--workers="$WORKERS" --max-cron-threads=0 "${WORKER_LIMITS[@]}")
# Scheduled jobs (the invoices of checkouts, confirmation e-mails and their PDFs) run in a
# process of their own at a lower CPU priority: the pages people wait for come first.
nice -n 10 "$(odoo_python)" "$ODOO_BIN" "${cron_serve[@]}" --no-http --workers=0 \
    --max-cron-threads=1 --logfile="$STATE/cron-$PORT.log" &
cron_pid=$!
trap 'kill $sink_pid $cron_pid 2>/dev/null || true' EXIT
if command -v nginx >/dev/null; then
    http_port=$((PORT + 1)); gevent_port=$((PORT + 2))
    port_is_free "$http_port" && port_is_free "$gevent_port" \
        || die "ports $http_port and $gevent_port (behind nginx) must be free; run 'make run PORT=...'"
    proxy_start "$STATE/run-$PORT" "$PORT" "127.0.0.1:$http_port" "127.0.0.1:$gevent_port"
    trap 'kill $sink_pid $cron_pid 2>/dev/null || true; proxy_stop "$STATE/run-$PORT"' EXIT
    serve+=(--proxy-mode)
else
    echo "warning: nginx is missing: served without it, live notifications (websockets) will not connect" >&2
    http_port=$PORT; gevent_port=$((PORT + 2))
fi
set_report_url "$DB" "http://127.0.0.1:$http_port"
info "serving http://localhost:$PORT with $WORKERS HTTP workers (Ctrl-C to stop)"
"$(odoo_python)" "$ODOO_BIN" "${serve[@]}" --http-port="$http_port" --gevent-port="$gevent_port"
