#!/usr/bin/env python3
"""The goal ratio table: interleaved wall-clock pairs and callgrind instruction counts.

Wall clock: `PairedRatios --tsv` runs each row's path and baseline interleaved in one process (A B B A …, one batch
of each per pair, about a millisecond a batch) and reports the median of the per-pair ratios, so machine drift
between the two sides cancels. Instructions: each side of a row runs under `valgrind --tool=callgrind` twice, with
N1 and N2 calls after the same set-up and warm-up; (I(N2) − I(N1)) / (N2 − N1) is the count per call, which does
not depend on what else the machine does.

The binary is built with the Swift runtime and Foundation linked statically (valgrind 3.19 crashes reading the
symbols of the toolchain's 40 MB lib_FoundationICU.so) into its own build folder, so that the package-benchmark
build is not rebuilt each time; its debug information is stripped from a copy before counting (valgrind 3.19 cannot
read Swift 6.3's DWARF 5).

Usage (from the repository root, after
`cd Benchmarks && swift build -c release --product PairedRatios --static-swift-stdlib --scratch-path .build-static`):
    python3 Benchmarks/ratios.py [--no-instructions] [--seconds S] [--suite run.md] [ID-PREFIX …]
--suite adds the rows that are not ratios of a raw primitive (P2 budget, P10, G8, DID parse) from one
package-benchmark run (`swift package benchmark --format markdown`).
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
BINARY = os.path.join(HERE, ".build-static", "release", "PairedRatios")
BUILD = "cd Benchmarks && swift build -c release --product PairedRatios --static-swift-stdlib --scratch-path .build-static"
UNITS = {"ns": 1.0, "μs": 1e3, "us": 1e3, "ms": 1e6, "s": 1e9}


def fmt(ns):
    return f"{ns / 1000:.2f} µs" if ns >= 1000 else f"{ns:.0f} ns"


def calls_per_count(row_id):
    """Extra calls per callgrind run: enough that the per-call count is exact to well under 1 %."""
    if row_id.startswith("P1"):
        return 200
    if "P-384" in row_id or "P-521" in row_id:
        return 4
    return 20


def instructions(binary, row_id, side, calls):
    """Instructions executed by one PairedRatios --run process (callgrind's total)."""
    with tempfile.TemporaryDirectory() as directory:
        out = os.path.join(directory, "callgrind.out")
        subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", "--dump-instr=no", "--dump-line=no",
             binary, "--run", row_id, side, str(calls)],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(out, encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith("summary:") or line.startswith("totals:"):
                    return int(line.split()[1])
    raise SystemExit(f"no instruction total for {row_id} {side}")


def per_call(binary, row_id, side):
    extra = calls_per_count(row_id)
    return (instructions(binary, row_id, side, 1 + extra) - instructions(binary, row_id, side, 1)) / extra


def suite_medians(path):
    """Benchmark name -> p50 wall-clock time in nanoseconds, from a package-benchmark markdown run."""
    result = {}
    name = None
    for line in open(path, encoding="utf-8"):
        heading = re.match(r"^### (.+?)\s*$", line)
        if heading:
            name = heading.group(1)
            continue
        row = re.match(r"^\| Time \(wall clock\) \((\S+)\) \*?\s*\|(.+)$", line)
        if row and name:
            cells = [c.strip() for c in row.group(2).split("|") if c.strip()]
            result[name] = float(cells[2].replace(",", "")) * UNITS[row.group(1)]
    return result


def suite_rows(path):
    times = suite_medians(path)

    def find(prefix):
        matches = [name for name in times if name.startswith(prefix)]
        if not matches:
            raise SystemExit(f"benchmark not found in the run: {prefix!r}")
        return times[matches[0]]

    p1, encoder, p2 = find("P1: "), find("P2 raw:"), find("P2: ")
    memory_hit, disk_hit, jcs = find("G8: did:web cache hit, memory tier"), find("G8: did:web cache hit, SQLite"), \
        find("P10:")
    return [
        ("P2", "did:key resolve → JSON bytes", fmt(p2), f"P1 + 1.5 × JSONEncoder {fmt(p1 + 1.5 * encoder)}",
         f"{p2 / (p1 + 1.5 * encoder):.2f}× of budget", "≤ 1×", "package-benchmark medians"),
        ("G8", "did:web cache hit, memory tier", fmt(memory_hit), f"did:key decode (P1) {fmt(p1)}",
         f"{memory_hit / p1:.2f}×", "< 0.5×", f"SQLite tier hit: {fmt(disk_hit)}"),
        ("P10", "JCS of a ~1 KiB credential", fmt(jcs), "—", fmt(jcs), "≤ 10 µs", ""),
        ("—", "DID parse (did:key)", fmt(find("DID parse")), "—", "—", "—", ""),
    ]


def main():
    arguments = sys.argv[1:]
    count = shutil.which("valgrind") is not None
    seconds = "1.5"
    suite = None
    prefixes = []
    while arguments:
        argument = arguments.pop(0)
        if argument == "--no-instructions":
            count = False
        elif argument == "--seconds":
            seconds = arguments.pop(0)
        elif argument == "--suite":
            suite = arguments.pop(0)
        else:
            prefixes.append(argument)
    if not os.access(BINARY, os.X_OK):
        raise SystemExit(f"{BINARY} is missing: {BUILD}")
    if not count:
        print("(no instruction counts: valgrind is not installed or --no-instructions was given)", file=sys.stderr)

    print("| goal | path | median | baseline | median | ratio, median of pairs (IQR) | instructions / call: path,"
          " baseline | instruction ratio | target |")
    print("| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | --- |")
    process = subprocess.Popen([BINARY, "--tsv", "--seconds", seconds] + prefixes, stdout=subprocess.PIPE, text=True)
    rows = []
    for line in process.stdout:
        (row_id, goal, name, path_ns, baseline_name, baseline_ns, ratio, q1, q3, pairs, target) = \
            line.rstrip("\n").split("\t")
        rows.append((row_id, goal, name, float(path_ns), baseline_name, float(baseline_ns), float(ratio), float(q1),
                     float(q3), int(pairs), target))
    if process.wait() != 0:
        raise SystemExit("PairedRatios failed")
    # Counting runs after the wall-clock pass, so that valgrind does not load the machine while it is measured.
    stripped = tempfile.NamedTemporaryFile(prefix="PairedRatios-", delete=False)
    stripped.close()
    if count:
        subprocess.run(["strip", "--strip-debug", "-o", stripped.name, BINARY], check=True)
        os.chmod(stripped.name, 0o755)
    for (row_id, goal, name, path_ns, baseline_name, baseline_ns, ratio, q1, q3, pairs, target) in rows:
        counted = ("—", "—")
        if count:
            path_count = per_call(stripped.name, row_id, "path")
            baseline_count = per_call(stripped.name, row_id, "baseline")
            counted = (f"{path_count:,.0f}, {baseline_count:,.0f}", f"{path_count / baseline_count:.2f}×")
        print(f"| {goal} | {name} | {fmt(path_ns)} | {baseline_name} | {fmt(baseline_ns)} | "
              f"{ratio:.2f}× ({q1:.2f}–{q3:.2f}, {pairs} pairs) | {counted[0]} | {counted[1]} | {target} |",
              flush=True)
    os.unlink(stripped.name)
    if suite:
        print()
        print("| goal | path | median | baseline (same package-benchmark run) | ratio | target | note |")
        print("| --- | --- | ---: | --- | ---: | --- | --- |")
        for row in suite_rows(suite):
            print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
