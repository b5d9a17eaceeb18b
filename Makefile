# leptos-grafana: `make run` and `make test` work on a fresh machine; both install what is
# missing first (idempotent: each tool is installed only when its pinned version is absent).
#
# Every artefact is a file target built once per run and reused by every suite that needs
# it: the standalone app (dist/), the kit's wasm packages inside the React glue (one per
# entry point: embed/react/wasm/config-editor/, dsconfig-editor/ and service-accounts/),
# the glue (embed/react/dist/), the example plugins
# (embed/examples/*/dist/: a data source with config-schema.json, one with only a
# dsconfig.json, an app, and rust-datasource with its own crate's wasm in pkg/) and the
# Grafana-like host (e2e/host/dist/). The kit's release rlib has no features: it is compiled
# once and linked into every package.

SHELL := /bin/bash
.DEFAULT_GOAL := help

WASM_BINDGEN_VERSION := 0.2.130
TRUNK_VERSION        := 0.21.14
WASM_PACK_VERSION    := 0.15.1
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(CURDIR)/node_modules/binaryen/bin:$(PATH)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Where the reliability suites (hostile input, load, crash consistency, secret scanner,
# faults) append their counts; `make test` prints the file at the end.
export RELIABILITY_REPORT := $(CURDIR)/target/reliability-report.txt

PORT ?= 8080
BIND ?= 127.0.0.1
DB   ?= ./data/devserver.db
DEVSERVER_FLAGS ?=

WASM_OPT_FLAGS := -Oz --enable-bulk-memory --enable-reference-types --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals

NPM_STAMP     := node_modules/.installed
KIT_SOURCES   := $(shell find src style grafana-model/src embed/wasm-package -type f) grafana-model/Cargo.toml Cargo.toml Cargo.lock index.html Trunk.toml
APP           := dist/index.html
# One wasm package per entry point, each exporting only its own mount function (a feature
# of embed/wasm-package), so a data source plugin never downloads the service-account pages
# (and the reverse).
CONFIG_EDITOR_PKG    := embed/react/wasm/config-editor/leptos_grafana_bg.wasm
DSCONFIG_EDITOR_PKG  := embed/react/wasm/dsconfig-editor/leptos_grafana_bg.wasm
SERVICE_ACCOUNTS_PKG := embed/react/wasm/service-accounts/leptos_grafana_bg.wasm
KIT_PKG              := $(CONFIG_EDITOR_PKG) $(DSCONFIG_EDITOR_PKG) $(SERVICE_ACCOUNTS_PKG)
GLUE          := embed/react/dist/index.js
GLUE_SOURCES  := $(wildcard embed/react/src/*) embed/react/tsconfig.json embed/react/package.json
EXAMPLE_BUILD := embed/examples/webpack.grafana-plugin.ts embed/examples/public-path.ts embed/examples/tsconfig.base.json
DS_PLUGIN     := embed/examples/datasource/dist/module.js
DSCONFIG_PLUGIN := embed/examples/dsconfig-datasource/dist/module.js
APP_PLUGIN    := embed/examples/app/dist/module.js
RUST_DS_PKG   := embed/examples/rust-datasource/pkg/leptos_grafana_example_rust_datasource_bg.wasm
RUST_DS_PLUGIN := embed/examples/rust-datasource/dist/module.js
# The Rust example's backend (grafana-plugin-sdk), under the name Grafana runs:
# <executable>_<os>_<arch> beside module.js. `cargo test --workspace` (test-native) builds the
# binary for the backend's own tests, so make test only copies it.
RUST_DS_BACKEND_BIN := target/debug/gpx_leptos-grafana-example-rust-datasource
RUST_DS_BACKEND := embed/examples/rust-datasource/dist/gpx_leptos-grafana-example-rust-datasource_$(shell uname -s | tr A-Z a-z)_$(shell uname -m | sed 's/x86_64/amd64/; s/aarch64/arm64/')
RUST_DS_BACKEND_SOURCES := $(shell find embed/examples/rust-datasource/backend -type f) Cargo.lock
HOST          := e2e/host/dist/react19/host.js
DEVSERVER_DEBUG   := target/debug/devserver
DEVSERVER_SOURCES := $(shell find devserver/src grafana-model/src -type f) devserver/Cargo.toml grafana-model/Cargo.toml Cargo.lock
HOST_SOURCES  := $(wildcard e2e/host/src/*) e2e/host/index.html e2e/host/build.mjs

.PHONY: help tools run build-ui embed embed-pkg pack devserver clippy test test-lint test-native test-wasm test-embed test-author test-author-prepare test-e2e bench clean

help:
	@echo "make run    build the UI and start devserver on http://$(BIND):$(PORT) (OIDC=1: with a dev OpenID provider)"
	@echo "make test   every test: lint, native, headless-browser wasm, embedding, end-to-end"
	@echo "make clippy clippy alone, for both targets (make test runs it inside its builds)"
	@echo "make embed  the React glue with the kit's wasm, and the example Grafana plugins"
	@echo "make pack   leptos-grafana-react-<version>.tgz: the glue with its prebuilt wasm, for npm install"
	@echo "make bench  benchmarks (never part of make test)"

## ---- tools -------------------------------------------------------------------------
tools: $(NPM_STAMP)
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

# One npm workspace (package.json): the React glue, the example plugins, the e2e tests and
# their host, Playwright, axe-core and binaryen 132's wasm-opt (Debian's binaryen corrupts
# wasm-bindgen 0.2.130 output). Reinstalled only when the lock file changes.
$(NPM_STAMP): package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

## ---- run ---------------------------------------------------------------------------
build-ui: tools $(APP)

$(APP): $(KIT_SOURCES) $(NPM_STAMP)
	trunk build --release

devserver:
	cargo build --release -p leptos-grafana-devserver

# The debug devserver the end-to-end tests start: `cargo test --workspace` (test-native)
# has just built it as a dependency of devserver's own tests, so it is rebuilt only when
# its sources are newer.
$(DEVSERVER_DEBUG): $(DEVSERVER_SOURCES)
	cargo build -p leptos-grafana-devserver

# `make run OIDC=1` also starts the development OpenID provider (devserver/oidc-provider,
# oidc-provider from npm; development only) on 127.0.0.1:$(OIDC_PORT) and signs in with it:
# the login page then offers "Sign in with Dev OIDC" (alice, bob, carol: any password). It
# stops with devserver.
OIDC ?=
OIDC_PORT ?= 9400
OIDC_FLAGS = --generic-oauth-name "Dev OIDC" --generic-oauth-client-id grafana \
  --generic-oauth-client-secret grafana-dev-secret \
  --generic-oauth-auth-url http://127.0.0.1:$(OIDC_PORT)/auth \
  --generic-oauth-token-url http://127.0.0.1:$(OIDC_PORT)/token \
  --generic-oauth-api-url http://127.0.0.1:$(OIDC_PORT)/me --generic-oauth-role-attribute grafana_role

run: build-ui devserver
	@echo ""
	@echo "  leptos-grafana devserver: http://$(BIND):$(PORT)   (log in as admin / admin)"
	@echo "  database: $(DB)"
	@if [ -n "$(OIDC)" ]; then echo "  dev OpenID provider: http://127.0.0.1:$(OIDC_PORT)   (Sign in with Dev OIDC: alice, bob or carol, any password; development only)"; fi
	@echo ""
	@if [ -n "$(OIDC)" ]; then \
	  node devserver/oidc-provider/server.mjs --port $(OIDC_PORT) & oidc=$$!; \
	  trap 'kill $$oidc 2>/dev/null' EXIT INT TERM; \
	  ./target/release/devserver --bind $(BIND) --port $(PORT) --db $(DB) --dist dist $(OIDC_FLAGS) $(DEVSERVER_FLAGS); \
	else \
	  ./target/release/devserver --bind $(BIND) --port $(PORT) --db $(DB) --dist dist $(DEVSERVER_FLAGS); \
	fi

## ---- embedding ---------------------------------------------------------------------
# The kit's wasm packages (wasm-pack, --target web, of the cdylib crate embed/wasm-package),
# inside the React glue that ships them:
# embed/react/wasm/<feature>/ holds the package built with only that cargo feature.
# A warning in a single-feature build (dead code behind the other feature) fails it.
embed/react/wasm/%/leptos_grafana_bg.wasm: $(KIT_SOURCES) | tools
	$(call wasm_package,embed/wasm-package,../react/wasm/$*,leptos_grafana,$*,--features $*)

# wasm_package CRATE,OUT-DIR (relative to the crate),OUT-NAME,LOG,CARGO-ARGS: wasm-pack's
# release build (--target web), failing on any warning, then wasm-opt for size.
define wasm_package
	@mkdir -p target
	set -o pipefail; wasm-pack build $(1) --release --target web --out-dir $(2) --out-name $(3) --no-pack --mode no-install \
	  -- $(5) 2>&1 | tee target/wasm-pack-$(4).log
	@! grep -n "^warning" target/wasm-pack-$(4).log || { rm -f $@; echo "the $(4) package builds with warnings"; exit 1; }
	@rm -f $(dir $@).gitignore
	@mkdir -p target/wasm-names && cp $@ target/wasm-names/$(4).wasm   # with its names, for make bench's twiggy notes
	wasm-opt $(WASM_OPT_FLAGS) $@ -o $@
	@ls -l $@
endef

# The example Rust plugin's own frontend crate: the kit's rlib (compiled once for the
# kit's packages) is linked again, with the author's components.
$(RUST_DS_PKG): $(KIT_SOURCES) $(shell find embed/examples/rust-datasource/rust -type f) | tools
	$(call wasm_package,embed/examples/rust-datasource/rust,../pkg,leptos_grafana_example_rust_datasource,rust-datasource,)

embed-pkg: $(KIT_PKG)

# @leptos-grafana/react: compiled and type-checked with tsc against @grafana/data 13.
$(GLUE): $(KIT_PKG) $(GLUE_SOURCES)
	npm run build -w @leptos-grafana/react

# The example plugins, type-checked, then built with webpack as create-plugin builds them.
$(DS_PLUGIN): $(GLUE) $(EXAMPLE_BUILD) $(shell find embed/examples/datasource \( -name dist -o -name node_modules \) -prune -o -type f -print)
	cd embed/examples/datasource && tsc --noEmit -p tsconfig.json && webpack -c ./webpack.config.ts --env production
$(DSCONFIG_PLUGIN): $(GLUE) $(EXAMPLE_BUILD) $(shell find embed/examples/dsconfig-datasource \( -name dist -o -name node_modules \) -prune -o -type f -print)
	cd embed/examples/dsconfig-datasource && tsc --noEmit -p tsconfig.json && webpack -c ./webpack.config.ts --env production
$(APP_PLUGIN): $(GLUE) $(EXAMPLE_BUILD) $(shell find embed/examples/app \( -name dist -o -name node_modules \) -prune -o -type f -print)
	cd embed/examples/app && tsc --noEmit -p tsconfig.json && webpack -c ./webpack.config.ts --env production
$(RUST_DS_PLUGIN): $(GLUE) $(RUST_DS_PKG) $(EXAMPLE_BUILD) $(shell find embed/examples/rust-datasource/src -type f) embed/examples/rust-datasource/package.json
	cd embed/examples/rust-datasource && tsc --noEmit -p tsconfig.json && webpack -c ./webpack.config.ts --env production

# The Grafana-like host (React 19 and React 18 builds), type-checked.
$(HOST): $(HOST_SOURCES) $(NPM_STAMP)
	tsc --noEmit -p e2e/host/tsconfig.json
	node e2e/host/build.mjs

EMBED_PLUGINS := $(DS_PLUGIN) $(DSCONFIG_PLUGIN) $(APP_PLUGIN) $(RUST_DS_PLUGIN)
embed: $(EMBED_PLUGINS) $(RUST_DS_BACKEND)

$(RUST_DS_BACKEND_BIN): $(RUST_DS_BACKEND_SOURCES)
	cargo build -p leptos-grafana-example-rust-datasource-backend
	@touch $@

# After the frontend: webpack's build empties dist/.
$(RUST_DS_BACKEND): $(RUST_DS_BACKEND_BIN) $(RUST_DS_PLUGIN)
	cp $(RUST_DS_BACKEND_BIN) $@

# The glue as an npm package a plugin author installs with no Rust toolchain:
# leptos-grafana-react-<version>.tgz (the glue, its .d.ts and the prebuilt wasm packages).
PACK := leptos-grafana-react-$(shell sed -n 's/^  "version": "\(.*\)",/\1/p' embed/react/package.json).tgz
$(PACK): $(GLUE) embed/react/README.md embed/react/CHANGELOG.md
	npm pack -w @leptos-grafana/react --pack-destination $(CURDIR) >/dev/null
	@ls -l $@

pack: $(PACK)

# The plugin author's path: create-plugin scaffolds (cached by version), the README's steps
# applied as written, the scaffolds' own typecheck, lint, test:ci and build with no Rust
# on PATH (embed/author-check/check.sh); test-e2e then loads the two built plugins.
AUTHOR_PLUGINS := target/author-check/plugins/.built
$(AUTHOR_PLUGINS): $(PACK) README.md embed/author-check/check.sh embed/author-check/steps.mjs
	bash embed/author-check/check.sh
	@touch $@

test-author: $(AUTHOR_PLUGINS)

# The cached scaffolds and their baseline alone (no kit build needed): make test starts this
# at once, so a first run's npm installs overlap the builds.
test-author-prepare: $(NPM_STAMP)
	bash embed/author-check/check.sh prepare

## ---- test --------------------------------------------------------------------------
# Runs every suite even when one fails, prints a summary with each suite's time, and
# fails if any suite failed (scripts/test-suites.sh: the embedding builds run beside the
# native and wasm suites, then e2e).
test: tools
	@mkdir -p target && rm -f $(RELIABILITY_REPORT)
	@MAKE="$(MAKE)" bash scripts/test-suites.sh

# Clippy (with -D warnings) runs inside the builds the tests need: clippy-driver compiles
# the workspace's own crates, as `cargo clippy` runs it, but with code generation, so each
# crate is compiled once per target instead of once to lint and again to test. A lint is a
# compile error of test-native (native code, tests included) or test-wasm (the
# wasm32-only code). `make clippy` runs plain `cargo clippy` for both targets.
CLIPPY_BUILD := RUSTC_WORKSPACE_WRAPPER="$$(rustup which clippy-driver)" CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings"

test-lint:
	cargo fmt --all -- --check

clippy:
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p leptos-grafana --target wasm32-unknown-unknown --all-targets -- -D warnings

test-native:
	$(CLIPPY_BUILD) cargo test --workspace

# The browser tests (`--test web`: the lib and app have no wasm tests), then the doc
# examples of the browser-only layers (components, pages, embed, app: `no_run`, compiled
# for wasm32 as one merged binary; the model's run natively in test-native). Both on the
# release profile: they test the code as the packages ship it, and reuse the Leptos stack
# the embedding build compiles for the packages (the kit's Cargo.toml enables the features
# the tests' dev-dependencies need, so nothing is compiled twice). The doc examples only
# need to compile (`no_run`): rustdoc builds each without LTO or optimisation (in the
# release profile's LTO, 85 of them took 217 s; like this, 34 s). The timeout covers the
# 1,000-cycle memory test.
test-wasm:
	$(CLIPPY_BUILD) WASM_BINDGEN_TEST_TIMEOUT=300 wasm-pack test --headless --chrome --mode no-install --release --test web
	$(CLIPPY_BUILD) CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner RUSTDOCFLAGS="-Clto=off -Copt-level=0" \
	  cargo test -p leptos-grafana --doc --target wasm32-unknown-unknown --release

# The release wasm package, the React glue (tsc against @grafana/data 13), the example
# plugins (tsc, webpack), the host, and the end-to-end tests' own types.
# Two jobs (`make test` passes -j2): the node builds (glue, example plugins, host) run
# beside the cargo ones, and the standalone app the e2e suite needs is built here too, so
# its single-threaded link overlaps them.
test-embed: $(EMBED_PLUGINS) $(HOST) $(APP)
	tsc --noEmit -p e2e/tsconfig.json
	@ls -l embed/examples/*/dist/module.js embed/examples/*/dist/*.wasm | awk '{ printf "embed: %-70s %9d bytes\n", $$9, $$5 }'

# The release bundle (what `make run` serves) against a devserver the tests start on a
# free port with a temporary database; then the example plugins inside the Grafana-like
# host (React 19 at the root; React 18 under /grafana with a wrapped fetch).
test-e2e: build-ui $(EMBED_PLUGINS) $(HOST) $(DEVSERVER_DEBUG) $(RUST_DS_BACKEND) $(AUTHOR_PLUGINS)
	cd e2e && DEVSERVER_BIN=$(CURDIR)/target/debug/devserver DIST_DIR=$(CURDIR)/dist playwright test

## ---- bench -------------------------------------------------------------------------
# Release builds of everything measured, then bench/run.mjs: package sizes, devserver-bench,
# the kit beside the React reference in one headless Chromium (e2e/bench/), twiggy notes;
# one table against bench/budgets.json, written to bench/results.json. Never part of
# make test.
REACT_REFERENCE := bench/react-reference/dist/editor.html
TWIGGY_VERSION  := 0.8.0

$(REACT_REFERENCE): $(NPM_STAMP) $(wildcard bench/react-reference/src/* bench/react-reference/*.html) bench/react-reference/vite.config.ts
	npm run build -w leptos-grafana-react-reference

bench: build-ui devserver embed $(HOST) $(REACT_REFERENCE)
	@twiggy --version 2>/dev/null | grep -q "$(TWIGGY_VERSION)" || cargo install twiggy --version $(TWIGGY_VERSION) --locked
	cargo build --release -p leptos-grafana-devserver --bin devserver-bench
	node bench/run.mjs

clean:
	cargo clean
	rm -rf dist data e2e/test-results e2e/playwright-report embed/react/wasm embed/react/dist \
	  embed/examples/*/dist embed/examples/*/pkg e2e/host/dist bench/react-reference/dist
