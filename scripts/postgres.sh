#!/usr/bin/env bash
# Find a PostgreSQL server for Odoo, or start a private one under .pgdata/.
# Order: the PG* variables if set, then 127.0.0.1:5432, then a private cluster.
# Writes the chosen connection to .state/pg.env (PGHOST, PGPORT, PGUSER).
. "$(dirname "$0")/common.sh"

command -v psql >/dev/null || die "psql not found; install the PostgreSQL client (Debian: postgresql-client)"

write_env() {
    printf 'PGHOST=%q\nPGPORT=%q\nPGUSER=%q\n' "$1" "$2" "$3" > "$STATE/pg.env"
}

can_login() {  # host port user
    PGCONNECT_TIMEOUT=3 psql -X -q -h "$1" -p "$2" -U "$3" -d postgres -Atc 'SELECT 1' >/dev/null 2>&1
}

# Odoo refuses to run as the 'postgres' superuser, so it gets a role of its own.
ensure_odoo_role() {  # host port -> prints the role Odoo logs in with
    local host=$1 port=$2 admin
    if can_login "$host" "$port" odoo; then echo odoo; return; fi
    for admin in "$(id -un)" postgres; do
        if can_login "$host" "$port" "$admin"; then
            psql -X -q -h "$host" -p "$port" -U "$admin" -d postgres \
                -c "CREATE ROLE odoo LOGIN CREATEDB" >/dev/null 2>&1 || true
            can_login "$host" "$port" odoo && { echo odoo; return; }
        fi
    done
    return 1
}

# Big price imports skip PostgreSQL's per-row foreign key checks when the role may set
# session_replication_role (b2b_pricing/models/b2b_price_bulk_import.py); a superuser may
# grant that from PostgreSQL 15 on. Without it imports are slower, not wrong.
grant_bulk_load() {  # host port
    local host=$1 port=$2 admin
    [ "$(psql -X -q -h "$host" -p "$port" -U odoo -d postgres -Atc \
        "SELECT rolsuper FROM pg_roles WHERE rolname = current_user")" = t ] && return
    for admin in "$(id -un)" postgres; do
        can_login "$host" "$port" "$admin" || continue
        psql -X -q -h "$host" -p "$port" -U "$admin" -d postgres -v ON_ERROR_STOP=1 -c \
            "DO \$\$ BEGIN IF current_setting('server_version_num')::int >= 150000 THEN
                 EXECUTE 'GRANT SET ON PARAMETER session_replication_role TO odoo';
             END IF; END \$\$" >/dev/null 2>&1 && return
    done
    info "could not grant SET ON PARAMETER session_replication_role to odoo: big price imports check foreign keys row by row (slower)"
}

if [ -n "${PGHOST:-}${PGPORT:-}${PGUSER:-}" ]; then
    host=${PGHOST:-127.0.0.1}; port=${PGPORT:-5432}
    pg_isready -q -h "$host" -p "$port" -t 5 \
        || die "PostgreSQL is not reachable at $host:$port (from PGHOST/PGPORT); start it or unset them to use a private server"
    if [ -n "${PGUSER:-}" ]; then
        [ "$PGUSER" != postgres ] || die "Odoo refuses to run as the 'postgres' role; set PGUSER to another role"
        can_login "$host" "$port" "$PGUSER" || die "cannot log in to PostgreSQL at $host:$port as $PGUSER (check PGPASSWORD / pg_hba.conf)"
        user=$PGUSER
    else
        user=$(ensure_odoo_role "$host" "$port") || die "PostgreSQL at $host:$port does not let us log in or create the role 'odoo'; set PGUSER (and PGPASSWORD)"
    fi
    write_env "$host" "$port" "$user"
    exit 0
fi

if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && user=$(ensure_odoo_role 127.0.0.1 5432); then
    grant_bulk_load 127.0.0.1 5432
    write_env 127.0.0.1 5432 "$user"
    exit 0
fi

# --- private cluster ------------------------------------------------------------------------
PGDATA_DIR="$ROOT/.pgdata"
pg_bin=$(dirname "$(command -v initdb 2>/dev/null || ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n1)")
[ -x "$pg_bin/initdb" ] || die "no PostgreSQL server reachable at 127.0.0.1:5432 and no initdb to start one; install postgresql or set PGHOST/PGPORT"
port=$(cat "$PGDATA_DIR/port" 2>/dev/null || true)
if [ -z "$port" ]; then
    port=5433
    while ! port_is_free "$port"; do port=$((port + 1)); done
fi
# PostgreSQL refuses to run as root: the private cluster belongs to the 'postgres' user then.
as_owner=()
if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    as_owner=(runuser -u postgres --)
fi
if [ ! -f "$PGDATA_DIR/data/PG_VERSION" ]; then
    info "starting a private PostgreSQL under $PGDATA_DIR on port $port"
    mkdir -p "$PGDATA_DIR/data" "$PGDATA_DIR/socket"
    [ ${#as_owner[@]} -eq 0 ] || chown -R postgres "$PGDATA_DIR"
    "${as_owner[@]}" "$pg_bin/initdb" -D "$PGDATA_DIR/data" -U odoo --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null \
        || { rm -rf "$PGDATA_DIR"; die "initdb failed"; }
    echo "$port" > "$PGDATA_DIR/port"
fi
if ! pg_isready -q -h 127.0.0.1 -p "$port"; then
    "${as_owner[@]}" "$pg_bin/pg_ctl" -D "$PGDATA_DIR/data" -l "$PGDATA_DIR/server.log" -w \
        -o "-p $port -k $PGDATA_DIR/socket -c listen_addresses=127.0.0.1" start >/dev/null \
        || die "the private PostgreSQL did not start; see $PGDATA_DIR/server.log"
fi
write_env 127.0.0.1 "$port" odoo
