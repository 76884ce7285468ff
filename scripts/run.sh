#!/usr/bin/env bash
# make run: set everything up, create the demo database once, serve it on localhost:8069.
. "$(dirname "$0")/common.sh"
"$ROOT/scripts/setup.sh"
load_pg_env

DB="${DB:-b2b_demo}"
PORT="${PORT:-8069}"
port_is_free "$PORT" || die "port $PORT is taken (another Odoo?); stop it or run 'make run PORT=8070'"
if db_is_complete "$DB"; then
    info "reusing database $DB"
else
    db_exists "$DB" && drop_db "$DB"
    "$ROOT/scripts/create_db.sh" "$DB"
fi

"$ROOT/scripts/demo_logins.sh" "$DB" "http://localhost:$PORT"
info "serving http://localhost:$PORT (Ctrl-C to stop)"
exec "$(odoo_python)" -m odoo -c "$STATE/odoo.dev.conf" -d "$DB" --http-port="$PORT" --db-filter="^$DB\$"
