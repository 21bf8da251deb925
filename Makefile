# needs-map. Set-up commands: `make demo` and `make test` (see README).
PORT ?= 8000
export NEEDSMAP_SHARED ?= $(abspath ../shared)

.PHONY: demo test dist bench data native-test browser-test clean

## Build everything and serve the demo at http://127.0.0.1:$(PORT)/
demo: dist
	@echo "needs-map demo: http://127.0.0.1:$(PORT)/"
	python3 -m http.server --bind 127.0.0.1 --directory dist $(PORT)

## Install what the tests need and run them all (native, then in Debian's chromium).
test:
	bash scripts/setup.sh test
	cargo test --workspace
	bash scripts/build-web.sh
	node --test --test-concurrency=1 tests/browser/

## The static folder a council copies: dist/
dist:
	bash scripts/setup.sh build
	bash scripts/build-web.sh

## Benchmarks (native prepare/render, wasm sizes, first frame in chromium).
bench: dist
	bash scripts/setup.sh test
	cargo build --release -q --bin needsmap
	cargo bench -q --bench native
	python3 scripts/bench-prepare.py
	node tests/bench/browser.mjs

## Re-run the Coventry recipe after changing it (a test checks the committed file is fresh).
data:
	cargo run -q --bin needsmap -- prepare data/coventry.toml --out data/coventry.json

clean:
	rm -rf dist target tests/output
