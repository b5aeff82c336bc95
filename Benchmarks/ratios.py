#!/usr/bin/env python3
"""Turns one `swift package benchmark --format markdown` run into the goal ratios of Benchmarks/README.md.

Every ratio divides two medians (p50 wall clock) measured in the same run. Usage:
    swift package --allow-writing-to-package-directory benchmark --format markdown > run.md
    python3 ratios.py run.md
"""
import re
import sys

UNITS = {"ns": 1.0, "μs": 1e3, "us": 1e3, "ms": 1e6, "s": 1e9}


def medians(text):
    """Benchmark name -> p50 wall-clock time in nanoseconds."""
    result = {}
    name = None
    for line in text.splitlines():
        heading = re.match(r"^### (.+?)\s*$", line)
        if heading:
            name = heading.group(1)
            continue
        row = re.match(r"^\| Time \(wall clock\) \((\S+)\) \*?\s*\|(.+)$", line)
        if row and name:
            cells = [c.strip() for c in row.group(2).split("|") if c.strip()]
            # columns: p0 p25 p50 p75 p90 p99 p100 samples
            result[name] = float(cells[2].replace(",", "")) * UNITS[row.group(1)]
    return result


def find(times, prefix):
    matches = [name for name in times if name.startswith(prefix)]
    if not matches:
        raise SystemExit(f"benchmark not found in the run: {prefix!r}")
    return times[matches[0]]


def fmt(ns):
    return f"{ns / 1000:.2f} µs" if ns >= 1000 else f"{ns:.0f} ns"


def main():
    times = medians(open(sys.argv[1], encoding="utf-8").read())
    rows = []

    raw_decode = find(times, "P1 raw:")
    p1 = find(times, "P1: ")
    point = find(times, "P1 part:")
    rows.append(("P1", "did:key (Ed25519) → in-memory document", fmt(p1), f"C decode {fmt(raw_decode)}",
                 f"{p1 / raw_decode:.1f}×", "≤ 5×",
                 f"{(p1 - point) / raw_decode:.1f}× without the Ed25519 point check ({fmt(point)})"))

    encoder = find(times, "P2 raw:")
    p2 = find(times, "P2: ")
    budget = p1 + 1.5 * encoder
    rows.append(("P2", "did:key resolve → JSON bytes", fmt(p2), f"P1 + 1.5 × JSONEncoder {fmt(encoder)}",
                 f"{p2 / budget:.2f}× of budget", "≤ 1×", ""))

    for key, raw_name in [("Ed25519", "libsodium Ed25519"), ("secp256k1", "libsecp256k1 ECDSA"),
                          ("P-256", "swift-crypto P-256"), ("P-384", "swift-crypto P-384"),
                          ("P-521", "swift-crypto P-521")]:
        for operation in ["sign", "verify"]:
            ours = find(times, f"P3: DIDCrypto {key} {operation}")
            raw = find(times, f"P3 raw: {raw_name} {operation}")
            rows.append(("P3", f"{key} {operation}", fmt(ours), f"raw {fmt(raw)}", f"{ours / raw:.2f}×",
                         "≤ 1.1×", ""))

    for suite, key in [("eddsa-jcs-2022", "Ed25519"), ("ecdsa-jcs-2019", "P-256"), ("ecdsa-jcs-2019", "P-384")]:
        for operation, raw_op in [("add proof", "sign"), ("verify", "verify")]:
            ours = find(times, f"P4: {suite} {key} {operation}")
            matches = [n for n in times if n.startswith(f"P4 raw: {suite} {key} ") and f" {raw_op} + " in n]
            if not matches:
                raise SystemExit(f"benchmark not found in the run: P4 raw {suite} {key} {raw_op}")
            raw = times[matches[0]]
            note = ""
            if operation == "verify":
                note = f"did:key resolved each time: {fmt(find(times, f'P4 note: {suite} {key} verify'))}"
            rows.append(("P4", f"{suite} {key} {operation} (~1 KiB credential)", fmt(ours),
                         f"raw {raw_op} + JCS + 2 × hash {fmt(raw)}", f"{ours / raw:.2f}×", "≤ 1.2×", note))

    for algorithm in ["EdDSA", "ES256K", "ES256"]:
        for operation, raw_name in [("issue", "sign + one JSON encode"), ("verify", "verify + one JSON decode")]:
            ours = find(times, f"P5: vc+jwt {algorithm} {operation}")
            raw = find(times, f"P5 raw: {algorithm} {raw_name}")
            rows.append(("P5", f"vc+jwt {algorithm} {operation}", fmt(ours), f"raw {raw_name} {fmt(raw)}",
                         f"{ours / raw:.2f}×", "≤ 1.3×", ""))

    memory_hit = find(times, "G8: did:web cache hit, memory tier")
    disk_hit = find(times, "G8: did:web cache hit, SQLite tier")
    rows.append(("G8", "did:web cache hit, memory tier", fmt(memory_hit), f"did:key decode (P1) {fmt(p1)}",
                 f"{memory_hit / p1:.2f}×", "< 0.5×", f"SQLite tier hit: {fmt(disk_hit)}"))

    jcs = find(times, "P10:")
    rows.append(("P10", "JCS of a ~1 KiB credential", fmt(jcs), "—", fmt(jcs), "≤ 10 µs",
                 f"JSONSerialization sorted write: {fmt(find(times, 'JSONSerialization'))}"))
    rows.append(("—", "DID parse (did:key)", fmt(find(times, "DID parse")), "—", "—", "—", ""))

    print("| goal | path | median | baseline (same run) | ratio | target | note |")
    print("| --- | --- | ---: | --- | ---: | --- | --- |")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
