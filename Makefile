# Build, test and demo entry points. `make test` is what CI runs (through .ci/run).
CARGO ?= cargo

.PHONY: all test lint fmt-check clippy rust-test doc demo fmt

all: test

## Every check: formatting, lints, all Rust tests (unit, integration, vectors, properties, doc
## tests) and documentation without warnings.
test: fmt-check clippy rust-test doc

fmt-check:
	$(CARGO) fmt --all -- --check

clippy:
	$(CARGO) clippy --workspace --all-targets -- -D warnings

rust-test:
	$(CARGO) test --workspace

doc:
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --workspace --no-deps

## The main job. Until the emulator lands it builds a real lote from the sample events and
## decodes the real server's sample answers.
demo:
	$(CARGO) run --quiet -p taf-core --example demo

fmt:
	$(CARGO) fmt --all
