#!/usr/bin/env bash
# make bigdata [SKUS=200000]: build the benchmark database b2b_bench (all addons with demo
# data) and fill it with SKUS generated tyres, stock in every warehouse and prices.
. "$(dirname "$0")/common.sh"
"$ROOT/scripts/setup.sh"
load_pg_env
export BENCH_DB="${BENCH_DB:-b2b_bench}"
SKUS="${SKUS:-200000}"
[[ "$SKUS" =~ ^[0-9]+$ ]] && [ "$SKUS" -gt 0 ] || die "SKUS must be a positive whole number, not '$SKUS'"
start=$(date +%s)
if ! db_is_complete "$BENCH_DB"; then
    db_exists "$BENCH_DB" && drop_db "$BENCH_DB"
    ODOO_FLAVOUR=test "$ROOT/scripts/create_db.sh" "$BENCH_DB"
fi
(cd "$ROOT" && "$(odoo_python)" bench/bigdata.py --db "$BENCH_DB" --skus "$SKUS") \
    || die "generating the big data set failed; $BENCH_DB is left as it was before the failed step"
echo "bigdata: $SKUS SKUs in $BENCH_DB in $(( $(date +%s) - start )) s"
