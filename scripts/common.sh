# Shared helpers for the set-up, run, test and bench scripts. Source it, do not run it.
# Every failure ends in one line "error: ..." on stderr and a non-zero exit.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${VENV:-$ROOT/.venv}"
STATE="$ROOT/.state"
ADDONS="tyre_catalog,b2b_pricing,b2b_portal,b2b_claims,b2b_api"
mkdir -p "$STATE"

die() {
    echo "error: $*" >&2
    exit 1
}

info() {
    echo "==> $*" >&2
}

# The Python that runs Odoo: the project's virtual environment once it exists.
odoo_python() {
    echo "$VENV/bin/python"
}

# Run a server with "$(odoo_python)" "$ODOO_BIN" ...: a prefork server needs to be started
# from a script file (see scripts/odoo-bin).
ODOO_BIN="$ROOT/scripts/odoo-bin"
# The limits of a production worker: make run and the end-to-end tests' server use them,
# config/odoo.cluster.conf repeats them (README "Deployment / scaling out"). The hard memory
# limit caps the address space of wkhtmltopdf too, which a worker starts for every PDF: below
# about 1.8 GiB it aborts (code -6) and no document is made; hence Odoo's default 2.5 GiB.
WORKER_LIMITS=(--limit-time-cpu=300 --limit-time-real=600
               --limit-memory-soft=1073741824 --limit-memory-hard=2684354560)

# odoo [ARGS...]: the Odoo CLI with the project's generated config (ODOO_FLAVOUR=dev|test).
odoo() {
    "$(odoo_python)" -m odoo -c "$STATE/odoo.${ODOO_FLAVOUR:-dev}.conf" "$@"
}

# A TCP port is free when nothing accepts connections on it.
port_is_free() {
    ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
    "$(odoo_python)" - <<'PY'
import socket
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    print(s.getsockname()[1])
PY
}

# Load the PostgreSQL connection chosen by scripts/postgres.sh.
load_pg_env() {
    [ -f "$STATE/pg.env" ] || die "PostgreSQL is not set up; run 'make setup' first"
    # shellcheck disable=SC1091
    . "$STATE/pg.env"
    export PGHOST PGPORT PGUSER
}

# psql against the maintenance database of the chosen server.
pg_admin() {
    psql -v ON_ERROR_STOP=1 -X -q -d postgres "$@"
}

db_exists() {
    [ "$(pg_admin -Atc "SELECT 1 FROM pg_database WHERE datname = '$1'")" = "1" ]
}

# True when every project addon is installed in database $1.
db_is_complete() {
    db_exists "$1" || return 1
    local installed
    installed=$(psql -X -q -d "$1" -Atc \
        "SELECT count(*) FROM ir_module_module
          WHERE name = ANY (string_to_array('$ADDONS', ',')) AND state = 'installed'" 2>/dev/null) \
        || return 1
    [ "$installed" = "$(echo "$ADDONS" | tr ',' '\n' | wc -l)" ]
}

# wkhtmltopdf fetches a report's CSS from the server itself. In a cron or behind a proxy,
# web.base.url may name a host or port it cannot reach, so report.url names the server's own
# loopback address (Odoo's parameter for exactly this).
set_report_url() {  # database url
    psql -v ON_ERROR_STOP=1 -X -q -d "$1" -c "INSERT INTO ir_config_parameter (key, value, create_date, write_date)
        VALUES ('report.url', '$2', now(), now())
        ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, write_date = now()" >/dev/null
}

drop_db() {
    pg_admin -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" >/dev/null
}
