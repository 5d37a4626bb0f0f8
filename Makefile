# Build, test and demo entry points. `make test` is what CI runs (through .ci/run).
CARGO ?= cargo
PYTHON ?= python3
VENV ?= .venv

.PHONY: all test fmt-check clippy rust-test sqlite3-cli doc py-test demo fmt bench bench-serve bench-py fuzz-smoke

all: test

## Every check: formatting, lints, all Rust tests (unit, integration, vectors, properties, doc
## tests, the xmllint differential test), documentation without warnings, the C tests (also
## under valgrind), the Windows DLL under Wine, and the Python suite.
test: fmt-check clippy rust-test doc c-test c-valgrind windows-test py-test

## The C library's targets (c-test, c-valgrind, c-header-check, install PREFIX=...).
include bindings/c/c.mk

## The Windows DLL for SmartClient (windows: packages for x64 and x86; windows-test: Wine).
include bindings/windows/windows.mk

fmt-check:
	$(CARGO) fmt --all -- --check

clippy:
	$(CARGO) clippy --workspace --all-targets --all-features -- -D warnings

rust-test:
	$(CARGO) test --workspace --all-features

## The sqlite3 shell: taf-cli's server tests read the emulator's database with it.
rust-test: sqlite3-cli
sqlite3-cli:
	@$(call taf_c_need,sqlite3,sqlite3)

doc:
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --workspace --no-deps --all-features

## A virtual environment with the pinned Python tools (maturin, pytest, mypy).
$(VENV)/.ready: taf-py/requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r taf-py/requirements-dev.txt
	touch $@

## Builds the extension into the venv, then runs pytest, stubtest over the .pyi and mypy.
py-test: $(VENV)/.ready
	$(CARGO) build --quiet -p taf-cli
	$(VENV)/bin/maturin develop --quiet -m taf-py/Cargo.toml
	$(VENV)/bin/python -m pytest -q taf-py/tests
	$(VENV)/bin/python -m mypy.stubtest totvs_taf --allowlist taf-py/stubtest-allowlist.txt
	$(VENV)/bin/python -m mypy taf-py/python taf-py/tests

## The main job: the whole cycle on the embedded emulator over loopback HTTP.
demo:
	$(CARGO) run --quiet -p taf-cli -- demo

fmt:
	$(CARGO) fmt --all

## Criterion benchmarks (each figure beside its baseline in the same run).
bench:
	rm -rf target/criterion  # the summary reads only what this run measured
	$(CARGO) bench -p taf-core
	$(CARGO) bench -p live-core
	$(CARGO) bench -p taf-ffi --bench overhead
	$(CARGO) bench -p esocial-schema --bench validate
	$(PYTHON) taf-core/benches/summary.py

## The emulator's POST cost: criterion in process (SQLite file and in-memory stores, tables of
## 0 to 1,000,000 rows, lotes of 2,000 to 50,000 items), then over HTTP against `taf serve --state`.
bench-serve:
	$(CARGO) bench -p taf-store --bench post
	$(CARGO) build --quiet --release -p taf-cli
	$(PYTHON) taf-cli/bench/serve_post.py target/release/taf

## Python timing: totvs_taf against plain Python and json.loads, in one process (release build),
## and the per-call cost of enum getters, raised exceptions and `.raw`.
bench-py: $(VENV)/.ready
	$(VENV)/bin/maturin develop --quiet --release -m taf-py/Cargo.toml
	$(VENV)/bin/python taf-py/bench/bench_decode.py
	$(VENV)/bin/python taf-py/bench/bench_lote.py
	$(VENV)/bin/python taf-py/bench/bench_lookups.py

FUZZ_TARGETS = get_reply post_reply delete_reply requests emulator sniff live advpl
FUZZ_TARGETS += schema
FUZZ_SECONDS ?= 20

## Runs every fuzz target briefly on the stable toolchain (needs `cargo install cargo-fuzz`).
## Long campaigns: cd fuzz && cargo fuzz run --sanitizer none TARGET -- -dict=json.dict
fuzz-smoke:
	cd fuzz && python3 seed.py
	cd fuzz && for target in $(FUZZ_TARGETS); do \
		cargo fuzz run --sanitizer none $$target -- -dict=json.dict -max_total_time=$(FUZZ_SECONDS) || exit 1; \
	done

## eSocial schema validation: its differential test needs xmllint (libxml2-utils) and its bench
## links libxml2 (libxml2-dev); both are installed with apt-get when missing.
.PHONY: schema-tools schema-bench-tools
schema-tools:
	@$(call taf_c_need,libxml2-utils,xmllint)
	@d="$(CURDIR)"; found="$$ESOCIAL_DIR"; \
	while [ -z "$$found" ] && [ "$$d" != / ]; do d=$$(dirname "$$d"); \
		[ -d "$$d/shared/esocial" ] && found="$$d/shared/esocial"; done; \
	if [ -n "$$found" ]; then echo "eSocial schemas for the schema tests: $$found"; \
	else echo "SKIPPED: the xmllint differential and table-regeneration tests (no shared/esocial beside or above the repository; set ESOCIAL_DIR)"; fi

schema-bench-tools:
	@[ -e /usr/include/libxml2/libxml/xmlschemas.h ] || { $(call apt_install,libxml2-dev); }

rust-test: schema-tools
bench: schema-bench-tools
