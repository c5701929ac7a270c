# The two commands a fresh machine needs: `make site` and `make test`.
SHELL := /bin/bash
SWIFT ?= $(shell command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)
KB_DEBUG = .build/debug/kb
KB_RELEASE = .build/release/kb

.PHONY: site test build release deps deps-test unit browser lint clean bench bench-search deps-bench

site: deps release
	$(KB_RELEASE) build .

test: deps-test build
	$(SWIFT) test 2>&1 | tee .build/swift-test.log | grep -vE '^\[[0-9]+/[0-9]+\]|^(Building|Compiling|Write|Emitting|Linking)'; exit $${PIPESTATUS[0]}
	python3 -m pytest -q Tests/python Tests/browser

deps:
	@scripts/install-deps.sh build

deps-test:
	@scripts/install-deps.sh test

deps-bench:
	@scripts/install-deps.sh bench

build:
	$(SWIFT) build

release:
	$(SWIFT) build -c release

lint:
	$(SWIFT) format lint -r Sources Tests

clean:
	rm -rf .build public/*

# Benchmarks (Benchmarks/bench.py): kb against Hugo and a cmark-gfm floor at 1000 and 10000
# write-ups, then search cost against Pagefind in headless Chromium. kb is built in .build-bench,
# corpora are cached in .bench/; the report goes to Benchmarks/results.md.
BENCH_SIZES ?= 1000,10000

bench: deps-bench
	python3 Benchmarks/bench.py --sizes $(BENCH_SIZES)

bench-search: deps-bench
	python3 Benchmarks/bench.py --sizes $(BENCH_SIZES) --search-only
