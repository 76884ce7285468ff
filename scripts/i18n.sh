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
for lang in pot ru_RU; do
    "$(odoo_python)" -m odoo i18n export -c "$STATE/odoo.test.conf" -d "$DB" -l "$lang" -- ${ADDONS//,/ } \
        >/dev/null 2>&1 || die "exporting $lang terms failed"
done
for addon in ${ADDONS//,/ }; do
    untranslated=$(msgattrib --untranslated --no-obsolete "$ROOT/addons/$addon/i18n/ru.po" 2>/dev/null | grep -c '^msgid "' || true)
    echo "$addon: $(grep -c '^msgid "' "$ROOT/addons/$addon/i18n/$addon.pot") terms, $((untranslated > 0 ? untranslated - 1 : 0)) untranslated in ru.po"
done
