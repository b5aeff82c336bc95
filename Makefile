# swift-did — the two set-up commands: `make run` and `make test`.
# Needs the Swift 6.3 toolchain on PATH and a Debian/Ubuntu machine (other systems: install the packages below).

SWIFT ?= swift
SYSTEM_PACKAGES := libsodium-dev libsecp256k1-dev libcurl4-openssl-dev libsqlite3-dev zlib1g-dev pkg-config
# Command line tools the did:web tests use (a local HTTPS server and a test CA); Debian packages of the same name.
TEST_TOOLS := openssl python3 curl
# The upstream conformance suites; tests read them from here (never copied into the repo).
export DID_TEST_VECTORS ?= $(abspath $(CURDIR)/../shared/test-vectors)

# schemathesis (PyPI, pinned) checks Specs/resolver-openapi.yaml against the running service; it is installed into a
# virtual environment under ~/.cache (no system Python package is touched).
SCHEMATHESIS_VERSION := 4.32.5
SCHEMATHESIS_VENV := $(HOME)/.cache/swift-did/schemathesis-$(SCHEMATHESIS_VERSION)
# What the HTTP load benchmark needs (Benchmarks/load/run.sh), plus valgrind (instruction counts of `make bench`) and
# hyperfine (Benchmarks/startup/run.sh); Debian packages, installed by bench-deps only.
BENCH_PACKAGES := wrk nginx-light openssl python3 curl util-linux valgrind hyperfine

.PHONY: run test docs deps build lint bench bench-load bench-deps schemathesis schemathesis-deps apt-install clean

## run: install missing system packages, build, and start the did-resolver service on http://127.0.0.1:8080 with
## its SQLite did:web cache in ./data (Ctrl-C or SIGTERM stops it gracefully).
run: deps
	$(SWIFT) build -c release --product did-resolver
	mkdir -p data
	.build/release/did-resolver --host 127.0.0.1 --port 8080 --cache-db data/resolver-cache.sqlite

## test: install missing system packages, build, and run every test (unit + conformance). TEST_FLAGS="…" adds
## `swift test` options (CI writes the event stream with it, to fail on skipped tests).
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-xctest $(TEST_FLAGS)

## docs: the DocC catalogs of the library targets (swift-docc-plugin), warnings (such as a broken symbol link) as
## errors; the archives land in .build/plugins/Swift-DocC/outputs.
DOC_TARGETS := DIDCore DIDCrypto DIDKeyStore DIDMethodKey DIDMethodWeb DIDMethodJWK DIDResolution DIDCredentials \
	DIDMigration DIDResolverServer
docs: deps
	$(SWIFT) package generate-documentation --warnings-as-errors $(foreach target,$(DOC_TARGETS),--target $(target))

## lint: swift-format in strict mode over the sources and tests (as CI runs it).
lint:
	$(SWIFT) format lint --strict -r Sources Tests Benchmarks/Benchmarks Benchmarks/Sources

## bench: the benchmark package (ordo-one package-benchmark, absolute figures), then the goal ratio table: each path
## and its baseline interleaved in one process (median of per-pair ratios) and, when valgrind is installed, their
## instruction counts under callgrind (Benchmarks/ratios.py).
bench: deps
	cd Benchmarks && $(SWIFT) package --allow-writing-to-package-directory benchmark --format markdown --time-units nanoseconds \
	  | tee .benchmark-run.md
	cd Benchmarks && $(SWIFT) build -c release --product PairedRatios --static-swift-stdlib --scratch-path .build-static
	python3 Benchmarks/ratios.py --suite Benchmarks/.benchmark-run.md

## schemathesis: build did-resolver, start it on a free loopback port and check it against the OpenAPI document
## (every check, bounded in examples and time; .ci/schemathesis and .ci/schemathesis.toml).
schemathesis: deps schemathesis-deps
	$(SWIFT) build --product did-resolver
	.ci/schemathesis $(SCHEMATHESIS_VENV)/bin/schemathesis "$$($(SWIFT) build --show-bin-path)/did-resolver"

## schemathesis-deps: schemathesis $(SCHEMATHESIS_VERSION) from PyPI into $(SCHEMATHESIS_VENV).
schemathesis-deps:
	@if [ ! -x $(SCHEMATHESIS_VENV)/bin/schemathesis ] || \
	    ! $(SCHEMATHESIS_VENV)/bin/schemathesis --version | grep -q 'version $(SCHEMATHESIS_VERSION)$$'; then \
	  rm -rf $(SCHEMATHESIS_VENV); \
	  if ! python3 -m venv $(SCHEMATHESIS_VENV) >/dev/null 2>&1; then \
	    rm -rf $(SCHEMATHESIS_VENV); $(MAKE) --no-print-directory apt-install PACKAGES=python3-venv; \
	    python3 -m venv $(SCHEMATHESIS_VENV); \
	  fi; \
	  $(SCHEMATHESIS_VENV)/bin/pip install --quiet --disable-pip-version-check schemathesis==$(SCHEMATHESIS_VERSION); \
	fi

## bench-load: the HTTP load benchmark (goals P6, P7): did-resolver against nginx serving the same bytes, wrk from
## the other core; prints req/s, p50/p99 and the ratio to nginx of each run and their median.
bench-load: deps bench-deps
	Benchmarks/load/run.sh

## bench-deps: the load benchmark's tools (wrk, nginx-light; Debian packages).
bench-deps:
	@missing=""; for package in $(BENCH_PACKAGES); do dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; done; \
	if [ -n "$$missing" ]; then $(MAKE) --no-print-directory apt-install PACKAGES="$$missing"; fi

# apt-install PACKAGES="…": apt-get as root, else sudo, else say exactly what is missing.
apt-install:
	@if ! command -v apt-get >/dev/null 2>&1; then \
	  echo "error: missing system packages: $(PACKAGES) (install them with your package manager)" >&2; exit 1; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "installing: $(PACKAGES)" >&2; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PACKAGES) >/dev/null; \
	elif command -v sudo >/dev/null 2>&1; then \
	  echo "installing with sudo: $(PACKAGES)" >&2; \
	  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PACKAGES) >/dev/null; \
	else \
	  echo "error: missing system packages: $(PACKAGES) — run: apt-get install $(PACKAGES) (as root)" >&2; exit 1; \
	fi

## deps: install the C libraries and the test tools (apt-get as root, else sudo, else say exactly what is missing).
deps:
	@missing=""; \
	if command -v dpkg >/dev/null 2>&1; then \
	  for package in $(SYSTEM_PACKAGES); do \
	    dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; \
	  done; \
	else \
	  for library in libsodium libsecp256k1 libcurl sqlite3; do \
	    pkg-config --exists $$library 2>/dev/null || missing="$$missing $$library"; \
	  done; \
	fi; \
	for tool in $(TEST_TOOLS); do \
	  command -v $$tool >/dev/null 2>&1 || missing="$$missing $$tool"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if ! command -v apt-get >/dev/null 2>&1; then \
	    echo "error: missing system packages:$$missing (install them with your package manager)" >&2; exit 1; \
	  elif [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing" >&2; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  elif command -v sudo >/dev/null 2>&1; then \
	    echo "installing with sudo:$$missing" >&2; \
	    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "error: missing system packages:$$missing — run: apt-get install$$missing (as root)" >&2; exit 1; \
	  fi; \
	fi

clean:
	rm -rf .build Benchmarks/.build
