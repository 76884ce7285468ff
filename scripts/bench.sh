#!/usr/bin/env bash
# make bench [B=name]: run bench/bench_<name>.py (all when B is empty) against the benchmark
# database built by `make bigdata`. Each prints one JSON result line last; they are collected
# in bench/results/latest.jsonl.
. "$(dirname "$0")/common.sh"
"$ROOT/scripts/setup.sh"
load_pg_env
export BENCH_DB="${BENCH_DB:-b2b_bench}"
db_is_complete "$BENCH_DB" || die "no benchmark database $BENCH_DB; run 'make bigdata' first"

mkdir -p "$ROOT/bench/results"
results="$ROOT/bench/results/latest.jsonl"
: > "$results"
if [ -n "${B:-}" ]; then
    scripts=("$ROOT/bench/bench_$B.py")
    [ -f "${scripts[0]}" ] || die "no benchmark '$B' (bench/bench_$B.py)"
else
    scripts=("$ROOT"/bench/bench_*.py)
fi
status=0
for script in "${scripts[@]}"; do
    name=$(basename "$script" .py); name=${name#bench_}
    info "bench $name"
    out="$ROOT/bench/results/$name.log"
    if (cd "$ROOT" && "$(odoo_python)" "$script" --db "$BENCH_DB") 2>"$out.err" | tee "$out"; then
        tail -n1 "$out" >> "$results"
    else
        echo "error: benchmark $name failed (see $out.err)" >&2
        tail -n 20 "$out.err" >&2
        status=1
    fi
done
echo "results: $results"
exit $status
