# leptos-grafana: `make run` and `make test` work on a fresh machine; both install what is
# missing first (idempotent: each tool is installed only when its pinned version is absent).

SHELL := /bin/bash
.DEFAULT_GOAL := help

WASM_BINDGEN_VERSION := 0.2.130
TRUNK_VERSION        := 0.21.14
WASM_PACK_VERSION    := 0.15.1
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/e2e/node_modules/binaryen/bin:$(PATH)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

PORT ?= 8080
BIND ?= 127.0.0.1
DB   ?= ./data/devserver.db
DEVSERVER_FLAGS ?=

.PHONY: help tools run build-ui embed-pkg devserver test test-lint test-native test-wasm test-e2e bench clean

help:
	@echo "make run    build the UI and start devserver on http://$(BIND):$(PORT)"
	@echo "make test   every test: lint, native, headless-browser wasm, end-to-end"
	@echo "make bench  benchmarks (never part of make test)"

## ---- tools -------------------------------------------------------------------------
tools: e2e/node_modules/.installed
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $(WASM_BINDGEN_VERSION)" \
	  || cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)
	@wasm-pack --version 2>/dev/null | grep -qx "wasm-pack $(WASM_PACK_VERSION)" \
	  || cargo install wasm-pack --version $(WASM_PACK_VERSION)
	@trunk --version 2>/dev/null | grep -qx "trunk $(TRUNK_VERSION)" \
	  || cargo install trunk --version =$(TRUNK_VERSION) --locked
	@{ command -v chromium && command -v chromedriver; } >/dev/null \
	  || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium chromium-driver; }
	@echo "tools: ready (wasm-bindgen $(WASM_BINDGEN_VERSION), wasm-pack $(WASM_PACK_VERSION), trunk $(TRUNK_VERSION), $$(chromium --version 2>/dev/null))"

# Playwright, axe-core and binaryen 132's wasm-opt (Debian's binaryen corrupts wasm-bindgen
# 0.2.130 output). Reinstalled only when the lock file changes.
e2e/node_modules/.installed: e2e/package-lock.json
	cd e2e && npm ci --no-audit --no-fund
	@touch $@

## ---- run ---------------------------------------------------------------------------
build-ui: tools
	trunk build --release

# The npm-style package a React host loads (see embed/README.md).
embed-pkg: tools
	wasm-pack build --release --target web --out-dir pkg --mode no-install
	wasm-opt -Oz --enable-bulk-memory --enable-reference-types --enable-nontrapping-float-to-int \
	  --enable-sign-ext --enable-mutable-globals pkg/leptos_grafana_bg.wasm -o pkg/leptos_grafana_bg.wasm
	@ls -l pkg/*.wasm

devserver:
	cargo build --release -p leptos-grafana-devserver

run: build-ui devserver
	@echo ""
	@echo "  leptos-grafana devserver: http://$(BIND):$(PORT)   (log in as admin / admin)"
	@echo "  database: $(DB)"
	@echo ""
	./target/release/devserver --bind $(BIND) --port $(PORT) --db $(DB) --dist dist $(DEVSERVER_FLAGS)

## ---- test --------------------------------------------------------------------------
# Runs every suite even when one fails, prints a summary, and fails if any suite failed.
test: tools
	@status=0; summary=""; \
	for suite in lint native wasm e2e; do \
	  echo ""; echo "==> $$suite"; \
	  if $(MAKE) --no-print-directory test-$$suite; then r="passed"; else r="FAILED"; status=1; fi; \
	  summary="$$summary  $$suite: $$r"$$'\n'; \
	done; \
	echo ""; echo "make test summary:"; printf "%s" "$$summary"; exit $$status

test-lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p leptos-grafana --target wasm32-unknown-unknown --all-targets -- -D warnings

test-native:
	cargo test --workspace

test-wasm:
	wasm-pack test --headless --chrome --mode no-install

# The release bundle (what `make run` serves) against a devserver the tests start on a
# free port with a temporary database.
test-e2e: build-ui
	cargo build -p leptos-grafana-devserver
	cd e2e && DEVSERVER_BIN=$(CURDIR)/target/debug/devserver DIST_DIR=$(CURDIR)/dist npx playwright test

## ---- bench -------------------------------------------------------------------------
bench: build-ui devserver
	cd e2e && DEVSERVER_BIN=$(CURDIR)/target/release/devserver DIST_DIR=$(CURDIR)/dist npx playwright test -c playwright.bench.config.ts --reporter=line
	@ls -l dist/*.wasm dist/*.js | awk '{ printf "bundle: %-60s %8d bytes\n", $$9, $$5 }'
	@for f in dist/*.wasm; do printf "bundle: %-60s %8d bytes gzip\n" "$$f" "$$(gzip -9c $$f | wc -c)"; done
	@if cargo run --release -p leptos-grafana-devserver --bin devserver-bench -- --help >/dev/null 2>&1; then \
	  cargo run --release -p leptos-grafana-devserver --bin devserver-bench; \
	else echo "devserver-bench: not built yet"; fi

clean:
	cargo clean
	rm -rf dist data e2e/test-results e2e/playwright-report
