#!/usr/bin/env bash
# swift-did: decentralized identity for Swift. Apache-2.0.
#
# P9 (Benchmarks/README.md): export and verify an Identity Migration Bundle of N followers and N
# following (default 1,000,000 each, pages of 1,024), release build. Each run measures, with /usr/bin/time -v, the
# wall time and peak RSS of the export and of the verification, and sha256sum over the same page files in the same
# run (files in the page cache for both). Prints every run and the medians; the goal is verify peak RSS ≤ 64 MiB and
# verify time ≤ 10 × sha256sum time. The verifier checks up to one page per core at a time, sha256sum uses one core,
# so the CPU-time ratio is printed next to the wall-time ratio; on a loaded machine the CPU ratio is the steadier.
#
# Usage: Benchmarks/migration/scale.sh [RUNS]      (environment: N=entries per collection, KEEP=1 keeps the bundle)
set -euo pipefail

runs=${1:-3}
count=${N:-1000000}
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"

swift build -c release --product imb-scale >&2
binary="$(swift build -c release --show-bin-path)/imb-scale"
work=$(mktemp -d "${TMPDIR:-/tmp}/imb-scale.XXXXXX")
if [ -z "${KEEP:-}" ]; then trap 'rm -rf "$work"' EXIT; fi

# field FILE LABEL: the value of one /usr/bin/time -v line.
field() { sed -n "s/^[[:space:]]*$2: //p" "$1"; }
# seconds H:MM:SS.ss|M:SS.ss → seconds
seconds() { awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }'; }

results="$work/results.tsv"
: > "$results"
for run in $(seq 1 "$runs"); do
    rm -rf "$work/bundle"
    /usr/bin/time -v -o "$work/export.time" "$binary" export "$work/bundle" --followers "$count" --following "$count" >&2
    find "$work/bundle/pages" -name '*.jsonl' | sort > "$work/pages.list"
    xargs cat < "$work/pages.list" > /dev/null   # both readers start from the page cache
    /usr/bin/time -v -o "$work/sha.time" xargs sha256sum < "$work/pages.list" > /dev/null
    /usr/bin/time -v -o "$work/verify.time" "$binary" verify "$work/bundle" >&2
    bytes=$(xargs cat < "$work/pages.list" | wc -c)
    pages=$(wc -l < "$work/pages.list")
    row=""
    for step in export sha verify; do
        wall=$(field "$work/$step.time" 'Elapsed (wall clock) time (h:mm:ss or m:ss)' | seconds)
        cpu=$(awk -v u="$(field "$work/$step.time" 'User time (seconds)')" \
            -v s="$(field "$work/$step.time" 'System time (seconds)')" 'BEGIN { printf "%.2f", u + s }')
        rss=$(field "$work/$step.time" 'Maximum resident set size (kbytes)')
        row="$row$wall	$cpu	$rss	"
    done
    echo "$row$pages	$bytes" >> "$results"
    echo "run $run: $(tail -1 "$results")" >&2
done

python3 - "$results" "$count" <<'PY'
import statistics, sys
rows = [list(map(float, line.split())) for line in open(sys.argv[1]) if line.strip()]
count = int(sys.argv[2])
med = lambda i: statistics.median(r[i] for r in rows)
ew, ec, er, sw, sc, sr, vw, vc, vr, pages, size = (med(i) for i in range(11))
print(f"P9: {count:,} followers + {count:,} following, {int(pages)} page files, {size / 2**20:.0f} MiB; "
      f"medians of {len(rows)} run(s)")
print(f"  export    wall {ew:7.2f} s  cpu {ec:7.2f} s  peak RSS {er / 1024:6.1f} MiB")
print(f"  sha256sum wall {sw:7.2f} s  cpu {sc:7.2f} s  peak RSS {sr / 1024:6.1f} MiB")
print(f"  verify    wall {vw:7.2f} s  cpu {vc:7.2f} s  peak RSS {vr / 1024:6.1f} MiB")
wall_ratio = statistics.median(r[6] / r[3] for r in rows)
cpu_ratio = statistics.median(r[7] / r[4] for r in rows)
print(f"  ratio verify/sha256sum (median of the runs' ratios): wall {wall_ratio:.1f}x, cpu {cpu_ratio:.1f}x "
      f"(goal <= 10x); verify peak RSS {vr / 1024:.1f} MiB (goal <= 64 MiB)")
for i, r in enumerate(rows, 1):
    print(f"  run {i}: export {r[0]:.2f} s / {r[2] / 1024:.0f} MiB, sha256sum {r[3]:.2f} s (cpu {r[4]:.2f} s), "
          f"verify {r[6]:.2f} s (cpu {r[7]:.2f} s) / {r[8] / 1024:.1f} MiB, ratio {r[6] / r[3]:.1f}x wall, "
          f"{r[7] / r[4]:.1f}x cpu")
PY
