#!/usr/bin/env bash
# The cost curve of issue 18: `dpiahub bench` at several sizes on both backends, one JSON line
# per run appended to bench/curve.jsonl, then the plot (bench/plot_curve.py ->
# docs/performance-curve.svg). PostgreSQL runs durable (DPIAHUB_CI_PG_DURABLE=1).
#
#   cargo build --release && bash bench/curve.sh            # 98, 300 and 1000 controllers
#   SIZES="98 300" DURATION=2 bash bench/curve.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bin=${BIN:-target/release/dpiahub}
sizes=${SIZES:-98 300 1000}
duration=${DURATION:-3}
backends=${BACKENDS:-sqlite postgres}
out=${OUT:-bench/curve.jsonl}

for n in $sizes; do
    for backend in $backends; do
        echo "== $backend, $n controllers ($(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
        if [[ $backend == postgres ]]; then
            DPIAHUB_CI_PG_DURABLE=1 bash .ci/with-postgres \
                "$bin" bench --backend postgres --controllers "$n" --duration-secs "$duration" \
                | tee /dev/stderr | tail -n 1 >>"$out"
        else
            "$bin" bench --backend sqlite --controllers "$n" --duration-secs "$duration" \
                | tee /dev/stderr | tail -n 1 >>"$out"
        fi
    done
done
python3 bench/plot_curve.py "$out" docs/performance-curve.svg
