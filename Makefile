# The two commands of the README: `make demo` and `make test`.
CARGO ?= cargo

.PHONY: test test-rust lint

## test: run every suite (what .ci/run calls)
test: lint test-rust

test-rust:
	$(CARGO) test --workspace --all-targets
	$(CARGO) test --workspace --doc

## lint: formatting and clippy, warnings are errors
lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
