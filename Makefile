# The two commands of the README: `make demo` and `make test`.
CARGO ?= cargo

.PHONY: demo test test-rust lint

## demo: start the local server, send a message and a note from each front end, stop
demo:
	bash scripts/demo.sh

## test: run every suite (what .ci/run calls)
test: lint test-rust

test-rust:
	$(CARGO) test --workspace --all-targets
	$(CARGO) test --workspace --doc

## lint: formatting and clippy, warnings are errors
lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
