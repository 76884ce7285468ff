#!/usr/bin/env bash
# make i18n: refresh every addon's i18n/<addon>.pot and i18n/ru.po from the code. Russian
# translations already in ru.po are kept; new terms appear with an empty msgstr to translate.
. "$(dirname "$0")/common.sh"
"$ROOT/scripts/setup.sh"
load_pg_env
export ODOO_FLAVOUR=test
DB="b2b_i18n_$$"
trap 'drop_db "$DB"' EXIT
"$ROOT/scripts/create_db.sh" "$DB"
"$(odoo_python)" -m odoo i18n loadlang -c "$STATE/odoo.test.conf" -d "$DB" -l ru_RU >/dev/null 2>&1 \
    || die "loading Russian into $DB failed"
"$(odoo_python)" -m odoo i18n export -c "$STATE/odoo.test.conf" -d "$DB" -l pot -- ${ADDONS//,/ } \
    >/dev/null 2>&1 || die "exporting the terms failed"
# Odoo reads the translations of Python and JavaScript texts from the module's ru.po while it
# exports them: written in place, the file would be emptied before it is read.
exported=$(mktemp -d)
trap 'drop_db "$DB"; rm -rf "$exported"' EXIT
for addon in ${ADDONS//,/ }; do
    "$(odoo_python)" -m odoo i18n export -c "$STATE/odoo.test.conf" -d "$DB" -l ru_RU \
        -o "$exported/$addon.po" -- "$addon" >/dev/null 2>&1 || die "exporting the Russian terms of $addon failed"
    # Odoo leaves out a translation equal to its source ("ID"): keep the one ru.po had.
    "$(odoo_python)" - "$exported/$addon.po" "$ROOT/addons/$addon/i18n/ru.po" <<'PY'
import sys

import polib

exported, current = polib.pofile(sys.argv[1]), polib.pofile(sys.argv[2])
known = {entry.msgid: entry.msgstr for entry in current if entry.msgstr}
for entry in exported:
    entry.msgstr = entry.msgstr or known.get(entry.msgid, "")
exported.save(sys.argv[2])
PY
done
for addon in ${ADDONS//,/ }; do
    untranslated=$(msgattrib --untranslated --no-obsolete "$ROOT/addons/$addon/i18n/ru.po" 2>/dev/null | grep -c '^msgid "' || true)
    echo "$addon: $(grep -c '^msgid "' "$ROOT/addons/$addon/i18n/$addon.pot") terms, $((untranslated > 0 ? untranslated - 1 : 0)) untranslated in ru.po"
done
