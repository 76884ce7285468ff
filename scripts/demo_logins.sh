#!/usr/bin/env bash
# demo_logins.sh DB URL: print the demo users of database DB (records with xml ids
# 'demo_user_*'; demo passwords equal logins).
. "$(dirname "$0")/common.sh"
load_pg_env
db=$1; url=$2
echo
echo "Portal and back office: $url   (demo password = login)"
psql -X -q -d "$db" -F $'\t' -Atc "
    SELECT u.login, p.name, COALESCE(p.function, '')
      FROM ir_model_data d
      JOIN res_users u ON u.id = d.res_id
      JOIN res_partner p ON p.id = u.partner_id
     WHERE d.model = 'res.users' AND d.name LIKE 'demo\\_user\\_%' AND u.active
     ORDER BY u.share, d.name" \
| awk -F '\t' 'BEGIN { printf "  %-28s %-34s %s\n", "login", "who", "role" }
                { printf "  %-28s %-34s %s\n", $1, $2, $3 }'
echo "  admin                        Administrator                      superuser"
echo
