#!/usr/bin/env bash
# swift-did: decentralized identity for Swift. Apache-2.0.
#
# Goal P8: start-up of `did --version` against a Swift + Foundation hello world built the same way (release, with
# the Swift runtime and Foundation linked dynamically, and again with -static-stdlib). hyperfine (Debian package)
# runs each command RUNS times after warm-up, one command after the other: run it on a quiet machine. Prints the
# medians and their ratios.
# Usage: Benchmarks/startup/run.sh   (from the repository root; RUNS=200 by default)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-200}
SWIFT=${SWIFT:-swift}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

command -v hyperfine >/dev/null || { echo "hyperfine is missing (apt-get install hyperfine)" >&2; exit 1; }

swiftc -O Benchmarks/startup/hello.swift -o "$out/hello-dynamic"
swiftc -O -static-stdlib Benchmarks/startup/hello.swift -o "$out/hello-static"
$SWIFT build -c release --product did
cp "$($SWIFT build -c release --show-bin-path)/did" "$out/did-dynamic"
# A build folder of its own, so that the dynamic build above is not redone on the next run.
$SWIFT build -c release --product did --static-swift-stdlib --scratch-path .build-static
cp "$($SWIFT build -c release --static-swift-stdlib --scratch-path .build-static --show-bin-path)/did" "$out/did-static"

for binary in hello-dynamic did-dynamic hello-static did-static; do
    echo "$binary: $(ldd "$out/$binary" | wc -l) shared objects"
done
hyperfine -N --warmup 20 --runs "$RUNS" --export-json "$out/startup.json" \
    "$out/hello-dynamic" "$out/did-dynamic --version" "$out/hello-static" "$out/did-static --version" >&2
python3 - "$out/startup.json" <<'PY'
import json, sys
results = {r["command"].split("/")[-1]: r["median"] * 1000 for r in json.load(open(sys.argv[1]))["results"]}
for kind in ["dynamic", "static"]:
    hello, did = results[f"hello-{kind}"], results[f"did-{kind} --version"]
    print(f"{kind:8} hello {hello:.2f} ms, did --version {did:.2f} ms: {did / hello:.2f}×")
print(f"did --version static against hello dynamic: {results['did-static --version'] / results['hello-dynamic']:.2f}×")
PY
