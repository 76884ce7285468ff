#!/usr/bin/env bash
# Idempotent set-up of a fresh machine: Python venv with Odoo from ODOO_PATH, our Python
# dependencies and OCA modules, Chromium for browser tours, a PostgreSQL server, and
# .state/odoo.conf. A second run reuses everything that is already in place.
. "$(dirname "$0")/common.sh"

PYTHON="${PYTHON:-python3}"
command -v "$PYTHON" >/dev/null || die "no '$PYTHON' found; install Python 3.10+ or set PYTHON=/path/to/python3"
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 10))' \
    || die "Odoo 19 needs Python 3.10 or newer; '$PYTHON' is $("$PYTHON" -V 2>&1). Set PYTHON=/path/to/python3.11"

# --- Odoo source tree -------------------------------------------------------------------
find_odoo() {
    local candidate
    for candidate in "${ODOO_PATH:-}" /opt/odoo "$ROOT/.cache/odoo-19.0"; do
        [ -n "$candidate" ] && [ -f "$candidate/odoo/release.py" ] && { echo "$candidate"; return; }
    done
    return 1
}

if [ -n "${ODOO_PATH:-}" ] && [ ! -f "$ODOO_PATH/odoo/release.py" ]; then
    die "ODOO_PATH=$ODOO_PATH is not an Odoo source tree (no odoo/release.py there)"
fi
if ! ODOO_PATH=$(find_odoo); then
    archive_url="https://github.com/odoo/odoo/archive/refs/heads/19.0.tar.gz"
    info "Odoo not found; downloading the official 19.0 source archive"
    mkdir -p "$ROOT/.cache/odoo-19.0.part"
    if curl -fsSL --max-time 900 "$archive_url" | tar -xz --strip-components=1 -C "$ROOT/.cache/odoo-19.0.part" 2>/dev/null; then
        mv "$ROOT/.cache/odoo-19.0.part" "$ROOT/.cache/odoo-19.0"
        ODOO_PATH="$ROOT/.cache/odoo-19.0"
    else
        rm -rf "$ROOT/.cache/odoo-19.0.part"
        die "no Odoo 19 source tree found and it could not be downloaded; set ODOO_PATH=/path/to/odoo-19.0"
    fi
fi
grep -q "^version_info = (19, 0" "$ODOO_PATH/odoo/release.py" \
    || die "ODOO_PATH=$ODOO_PATH is not Odoo 19.0 ($(grep '^version_info' "$ODOO_PATH/odoo/release.py"))"
echo "$ODOO_PATH" > "$STATE/odoo_path"

# --- Python environment -----------------------------------------------------------------
# Odoo's pins, adapted: cbor2 5.4.2 does not build on current toolchains (5.6.2 does) and
# python-ldap needs OpenLDAP headers for auth_ldap, which we do not use.
sed -e 's/^cbor2==5\.4\.2.*/cbor2==5.6.2/' -e '/^python-ldap/d' \
    "$ODOO_PATH/requirements.txt" > "$STATE/odoo-requirements.txt"
stamp=$(cat "$STATE/odoo-requirements.txt" "$ROOT/requirements.txt" "$ROOT/constraints.txt" \
    <(echo "$ODOO_PATH") \
    | sha1sum | cut -c1-16)
if [ "$(cat "$VENV/.b2b-stamp" 2>/dev/null)" != "$stamp" ]; then
    info "installing Python dependencies into $VENV"
    [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV" || die "could not create a virtualenv with $PYTHON (install python3-venv)"
    # The machine's pip configuration may name local indexes that do not exist; say so once.
    pip() {
        "$VENV/bin/python" -m pip --disable-pip-version-check -q "$@" 2> >(grep -v "^WARNING: Location" >&2)
    }
    # Some of Odoo's pinned sdists still build only with setuptools < 70, without isolation.
    pip install "setuptools<70" wheel -c "$ROOT/constraints.txt"
    pip install --no-build-isolation -r "$STATE/odoo-requirements.txt" -c "$ROOT/constraints.txt" \
        || die "installing Odoo's requirements failed (see the pip output above)"
    pip install --no-build-isolation --no-deps -e "$ODOO_PATH" || die "installing Odoo from $ODOO_PATH failed"
    # Odoo's pins stay authoritative: OCA wheels and our tools must not upgrade them; every
    # other package gets the version CI tested (constraints.txt).
    pip install -r "$ROOT/requirements.txt" -c "$STATE/odoo-requirements.txt" -c "$ROOT/constraints.txt" \
        || die "installing requirements.txt failed (see the pip output above)"
    echo "$stamp" > "$VENV/.b2b-stamp"
fi

# --- System tools: Chromium for tours, wkhtmltopdf for PDF reports, nginx ---------------
missing_debs=()
command -v chromium >/dev/null || command -v chromium-browser >/dev/null || command -v google-chrome >/dev/null \
    || missing_debs+=(chromium)
command -v wkhtmltopdf >/dev/null || missing_debs+=(wkhtmltopdf)
# The proxy of make run (prefork: websockets to the gevent worker) and of make cluster.
command -v nginx >/dev/null || missing_debs+=(nginx)
if [ ${#missing_debs[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        info "installing ${missing_debs[*]} from Debian packages"
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing_debs[@]}"; } >/dev/null \
            || die "apt-get install ${missing_debs[*]} failed"
    else
        echo "warning: ${missing_debs[*]} missing; browser tours / PDF reports will not work (install them as root)" >&2
    fi
fi

# --- PostgreSQL and Odoo configuration ---------------------------------------------------
"$ROOT/scripts/postgres.sh"
load_pg_env

addons_path="$ODOO_PATH/odoo/addons"
[ -d "$ODOO_PATH/addons" ] && addons_path="$ODOO_PATH/addons,$addons_path"
addons_path="$addons_path,$ROOT/addons"
for flavour in dev test; do
    sed -e "s#@ADDONS_PATH@#$addons_path#" -e "s#@DATA_DIR@#$STATE/data#" \
        -e "s#@DB_HOST@#${PGHOST}#" -e "s#@DB_PORT@#${PGPORT}#" -e "s#@DB_USER@#${PGUSER}#" \
        "$ROOT/config/odoo.$flavour.conf" > "$STATE/odoo.$flavour.conf"
done
