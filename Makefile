# The two commands of the README: `make demo` and `make test`.
# Local tools go inside the checkout: .venv (maturin, pytest, mypy, ruff), node/node_modules.
CARGO   ?= cargo
PYTHON  ?= python3
VENV    := $(CURDIR)/.venv
PY      := $(VENV)/bin/python
WHEELS  := $(CURDIR)/target/wheels
# maturin builds with other flags than cargo; its own target dir avoids rebuild churn.
PY_TARGET := $(CURDIR)/target/python

NODE_TARGET := $(CURDIR)/target/node
# The bindings' test-only panic trigger (see bindings/*/Cargo.toml); release artifacts never have it.
TEST_FEATURES := panic-trigger

.PHONY: surface unasync test-browser screenshots publish-check test-docs docs dist dist-check dist-ci fuzz demo test lint test-rust test-python wheel test-node addon bench bench-smoke cli-release

## demo: start the local server, send from each front end, stop the server (HOLD=1 keeps it up)
demo: wheel addon
	HOLD=$(HOLD) bash scripts/demo.sh

## test: run every suite (what .ci/run calls), then every benchmark client once
test: lint test-rust publish-check test-python test-node test-browser test-docs docs bench-smoke

## unasync: write the blocking Python client (_sync_client.py, _sync_resources.py) from the async one
unasync: $(PY)
	$(PY) scripts/unasync.py

## surface: write what tests/surface.json implies (Rust and TypeScript checks, docs tables)
surface:
	$(PYTHON) scripts/surface.py

## lint: versions, import loops, generated files, rustfmt, clippy, ruff and mypy,
## warnings are errors
lint: $(PY)
	$(PYTHON) scripts/check_versions.py
	$(PYTHON) scripts/check_imports.py
	$(PY) scripts/unasync.py --check
	$(PYTHON) scripts/surface.py --check
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	$(VENV)/bin/ruff check python examples/python bench scripts
	$(VENV)/bin/ruff format --check python examples/python bench scripts
	$(VENV)/bin/mypy --strict python/acquire_io python/tests/typed_example.py

test-rust:
	$(CARGO) build --workspace --examples
	$(CARGO) test --workspace --all-targets
	$(CARGO) test --workspace --doc --exclude acquire-io-python

## publish-check: the crates as crates.io would get them (packaged, built alone, licences inside)
PUBLISHED_CRATES := acquire-core acquire-mock acquire-cli
publish-check:
	@# cargo treats a registry crate of one version as immutable (its unpacked source in
	@# CARGO_HOME, its build in the target dir): drop both, and build in a target dir of its own.
	rm -rf target/package target/package-check/debug/.fingerprint/acquire-* "$${CARGO_HOME:-$$HOME/.cargo}"/registry/src/*/acquire-core-* "$${CARGO_HOME:-$$HOME/.cargo}"/registry/src/*/acquire-mock-*
	CARGO_TARGET_DIR=target/package-check $(CARGO) package --quiet --allow-dirty $(addprefix -p ,$(PUBLISHED_CRATES)) 2>target/publish-check.log || \
	  { cat target/publish-check.log; exit 1; }
	for c in $(PUBLISHED_CRATES); do \
	  listing=$$(tar tzf target/package-check/package/$$c-$$($(PYTHON) scripts/check_versions.py --print).crate) || exit 1; \
	  for f in LICENSE-MIT LICENSE-APACHE README.md; do echo "$$listing" | grep -qx "$$c-[0-9.]*/$$f" || { echo "$$c: no $$f in the crate"; exit 1; }; done; \
	done

## test-python: build the wheel, install it as a user would, check the stub against the
## native module (stubtest), run pytest against it
test-python: wheel
	$(PY) -m mypy.stubtest acquire_io._native
	ACQUIRE_WHEEL="$$(ls $(WHEELS)/acquire_io-*.whl)" $(PY) -m pytest -q python/tests

## wheel: build the Python wheel with maturin and install it into .venv
wheel: $(PY)
	rm -rf $(WHEELS)
	cd python && CARGO_TARGET_DIR=$(PY_TARGET) $(VENV)/bin/maturin build --release --quiet --features $(TEST_FEATURES) --out $(WHEELS)
	$(PY) -m pip install --quiet --force-reinstall --no-deps $(WHEELS)/acquire_io-*.whl

## test-node: build the addon, run node:test (the packed tarball too), type-check lib/*.js
## against the napi-generated native.d.ts and the typed example (tsc)
test-node: addon
	cd node && npm test
	cd node && npm run typecheck

## addon: build the Node addon and its loader with @napi-rs/cli
addon: node/node_modules/.package-lock.json
	cd node && CARGO_TARGET_DIR=$(NODE_TARGET) npm run build --silent -- --features $(TEST_FEATURES)

## test-browser: the local server's inbox in headless Chromium (Debian's, installed if missing)
CHROMIUM ?= /usr/bin/chromium
test-browser: addon $(CHROMIUM)
	cd node && CHROMIUM=$(CHROMIUM) node --test test-browser/

## screenshots: the README's pictures of the inbox, into docs/images/
screenshots: addon $(CHROMIUM)
	cd node && CHROMIUM=$(CHROMIUM) node scripts/screenshots.js

$(CHROMIUM):
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null

node/node_modules/.package-lock.json: node/package.json node/package-lock.json
	cd node && npm ci --no-audit --no-fund --silent

## test-docs: run every Python, JavaScript and shell block of README.md, CONTRIBUTING.md
## and docs/ against a fresh local server (the Rust blocks are doctests of acquire-core)
test-docs: wheel addon cli-release
	$(PY) scripts/doc_blocks.py

## docs: the API references into target/docs: rustdoc (crates), pdoc (acquire_io), TypeDoc (acquire-io)
docs: wheel addon
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --quiet --no-deps -p acquire-core -p acquire-mock -p acquire-cli
	rm -rf target/docs && mkdir -p target/docs
	cp -r target/doc target/docs/rust
	@# The lazily loaded names (SendMessage, Settlement, ...) are loaded first so pdoc sees them;
	@# annotations of type-only imports cannot be resolved and are shown as written (no warning).
	$(PY) -W ignore::UserWarning -c 'import pathlib, pdoc, acquire_io as m; [setattr(m, n, getattr(m, n)) for n in m.__all__]; pdoc.pdoc("acquire_io", output_directory=pathlib.Path("target/docs/python"))'
	cd node && npx typedoc --logLevel Warn --treatWarningsAsErrors --disableSources --out ../target/docs/node --tsconfig test/tsconfig.json lib/index.d.ts lib/testing.d.ts
	@echo "docs: target/docs/{rust,python,node}/index.html"

## bench: every client of every language against one server, interleaved; writes target/bench/RESULTS.md
bench: wheel addon cli-release
	$(PY) bench/run.py

## bench-smoke: every benchmark client once with tiny counts (part of `make test`)
bench-smoke: wheel addon cli-release
	$(PY) bench/run.py --smoke

cli-release:
	$(CARGO) build --release --quiet -p acquire-cli

## dist: every artifact this machine builds (Linux wheels + sdist, npm root + Linux platform packages) into dist/
DIST_TOOLS := $(CURDIR)/.tools/dist/bin/maturin
dist: $(DIST_TOOLS) node/node_modules/.package-lock.json
	bash scripts/dist.sh

## dist-check: install and smoke-test the artifacts as users get them
dist-check: $(DIST_TOOLS)
	bash scripts/dist_check.sh

## dist-ci: the x86_64 artifacts and their install checks (what .ci/run adds to make test)
dist-ci: $(DIST_TOOLS) node/node_modules/.package-lock.json
	DIST_TARGETS=x86_64-unknown-linux-gnu DIST_SDIST=0 bash scripts/dist.sh
	DIST_CHECK_SDIST=0 DIST_CHECK_QEMU=0 bash scripts/dist_check.sh

$(DIST_TOOLS): scripts/requirements-dist.txt
	$(PYTHON) -m venv $(CURDIR)/.tools/dist
	$(CURDIR)/.tools/dist/bin/pip install --quiet --disable-pip-version-check -r scripts/requirements-dist.txt
	touch $(DIST_TOOLS)

## fuzz: each cargo-fuzz target for FUZZ_SECONDS (default 60), seeded from tests/vectors;
## installs nightly and cargo-fuzz
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := response error_body webhook_event webhook_signature journal read_models write_answers
fuzz:
	rustup toolchain install nightly --profile minimal
	command -v cargo-fuzz >/dev/null || $(CARGO) install cargo-fuzz --locked
	rm -rf target/fuzz-seeds && $(PYTHON) scripts/fuzz_seeds.py target/fuzz-seeds
	for t in $(FUZZ_TARGETS); do \
	  mkdir -p target/fuzz-corpus/$$t && \
	  (cd fuzz && $(CARGO) +nightly fuzz run $$t ../target/fuzz-corpus/$$t ../target/fuzz-seeds/$$t -- -max_total_time=$(FUZZ_SECONDS)) || exit 1; \
	done

$(PY): python/requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r python/requirements-dev.txt
	touch $(PY)
