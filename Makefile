# Build, test and demo entry points. `make test` is what CI runs (through .ci/run).
CARGO ?= cargo
PYTHON ?= python3
VENV ?= .venv

.PHONY: all test fmt-check clippy rust-test doc py-test demo fmt

all: test

## Every check: formatting, lints, all Rust tests (unit, integration, vectors, properties, doc
## tests), documentation without warnings, and the Python suite.
test: fmt-check clippy rust-test doc py-test

fmt-check:
	$(CARGO) fmt --all -- --check

clippy:
	$(CARGO) clippy --workspace --all-targets -- -D warnings

rust-test:
	$(CARGO) test --workspace

doc:
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --workspace --no-deps

## A virtual environment with the pinned Python tools (maturin, pytest, mypy).
$(VENV)/.ready: taf-py/requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r taf-py/requirements-dev.txt
	touch $@

## Builds the extension into the venv, then runs pytest, stubtest over the .pyi and mypy.
py-test: $(VENV)/.ready
	$(VENV)/bin/maturin develop --quiet -m taf-py/Cargo.toml
	$(VENV)/bin/python -m pytest -q taf-py/tests
	$(VENV)/bin/python -m mypy.stubtest totvs_taf --allowlist taf-py/stubtest-allowlist.txt
	$(VENV)/bin/python -m mypy taf-py/python taf-py/tests

## The main job. Until the emulator lands it builds a real lote from the sample events and
## decodes the real server's sample answers.
demo:
	$(CARGO) run --quiet -p taf-core --example demo

fmt:
	$(CARGO) fmt --all
