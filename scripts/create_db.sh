#!/usr/bin/env bash
# create_db.sh DB [extra odoo args...]: create database DB with all project addons and demo
# data. A database that fails half-way is dropped, so no half-created database is left.
. "$(dirname "$0")/common.sh"
load_pg_env
db=$1; shift
log="$STATE/install-$db.log"
info "creating database $db with $ADDONS and demo data (log: $log)"
# Russian (with Odoo's own translations) besides English: the portal speaks Russian first.
if ! odoo -d "$db" -i "$ADDONS" --with-demo --load-language=ru_RU --stop-after-init --no-http "$@" >"$log" 2>&1 \
        || grep -qE "^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) " "$log" \
        || ! db_is_complete "$db"; then
    grep -E " (ERROR|CRITICAL) " -A15 "$log" | head -60 >&2 || tail -n 40 "$log" >&2
    drop_db "$db"
    die "installing the addons into $db failed; the database was dropped (full log: $log)"
fi
