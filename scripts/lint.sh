#!/usr/bin/env bash
# make lint: pre-commit with ruff and pylint-odoo over the whole tree.
. "$(dirname "$0")/common.sh"
"$ROOT/scripts/setup.sh"
if ! "$VENV/bin/python" -m pre_commit --version >/dev/null 2>&1; then
    "$VENV/bin/python" -m pip --disable-pip-version-check -q install -r "$ROOT/requirements-dev.txt" \
        -c "$STATE/odoo-requirements.txt" -c "$ROOT/constraints.txt" 2> >(grep -v "^WARNING: Location" >&2) \
        || die "installing the linters (requirements-dev.txt) failed"
fi
cd "$ROOT"
"$VENV/bin/python" -m pre_commit run --all-files
