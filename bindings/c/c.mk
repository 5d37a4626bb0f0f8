# The C library's targets: tests, valgrind, header check and install. Paths are relative to
# the repository root. The top-level Makefile includes this file (`include bindings/c/c.mk`);
# it also runs alone: make -f bindings/c/c.mk c-test
#
#   c-test          build libtaf (debug), compile the C tests and examples with -Werror, run them,
#                   and check libtaf.so's exports and SONAME (c-exports)
#   c-valgrind      the same binaries under valgrind (installed with apt-get when missing)
#   c-header-check  bindings/c/taf.h equals a fresh cbindgen generation
#   install         release build into $(DESTDIR)$(PREFIX): lib, include, pkg-config

# Standalone use makes c-test the default goal; included, the includer's default goal stays.
ifeq ($(words $(MAKEFILE_LIST)),1)
.DEFAULT_GOAL := c-test
else
TAF_C_PREVIOUS_GOAL := $(.DEFAULT_GOAL)
endif

CARGO ?= cargo
PYTHON ?= python3
CC ?= cc
PREFIX ?= /usr/local

TAF_C_DIR := bindings/c
TAF_C_OUT := target/c
TAF_C_LIB := target/debug/libtaf.a
TAF_C_CFLAGS := -std=c11 -g -Wall -Wextra -Werror -I$(TAF_C_DIR) -I$(TAF_C_OUT)
TAF_C_LDLIBS := -lpthread -ldl -lm
TAF_C_TESTS := $(patsubst $(TAF_C_DIR)/tests/%.c,$(TAF_C_OUT)/%,$(wildcard $(TAF_C_DIR)/tests/*.c))
TAF_C_EXAMPLES := $(patsubst $(TAF_C_DIR)/examples/%.c,$(TAF_C_OUT)/%,$(wildcard $(TAF_C_DIR)/examples/*.c))
TAF_C_VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
TAF_C_VALGRIND := valgrind --quiet --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect,possible

.PHONY: c-lib c-test c-exports c-valgrind c-header-check install

## The static and shared libraries (debug); cargo decides whether anything changed.
c-lib:
	$(CARGO) build --quiet -p taf-ffi

$(TAF_C_LIB): c-lib

$(TAF_C_OUT)/vectors.h: tests/vectors/responses.json $(TAF_C_DIR)/tests/gen_vectors.py
	@mkdir -p $(TAF_C_OUT)
	$(PYTHON) $(TAF_C_DIR)/tests/gen_vectors.py < $< > $@

$(TAF_C_OUT)/%: $(TAF_C_DIR)/tests/%.c $(wildcard $(TAF_C_DIR)/tests/*.h) $(TAF_C_DIR)/taf.h $(TAF_C_OUT)/vectors.h $(TAF_C_LIB)
	$(CC) $(TAF_C_CFLAGS) -o $@ $< $(TAF_C_LIB) $(TAF_C_LDLIBS)

$(TAF_C_OUT)/%: $(TAF_C_DIR)/examples/%.c $(TAF_C_DIR)/taf.h $(TAF_C_LIB)
	@mkdir -p $(TAF_C_OUT)
	$(CC) $(TAF_C_CFLAGS) -o $@ $< $(TAF_C_LIB) $(TAF_C_LDLIBS)

## Compiles the tests and examples against libtaf.a and runs them (the examples run in-process).
c-test: $(TAF_C_TESTS) $(TAF_C_EXAMPLES) c-exports
	@for program in $(TAF_C_TESTS) $(TAF_C_EXAMPLES); do \
		./$$program > $$program.log 2>&1 || { cat $$program.log; echo "FAILED: $$program"; exit 1; }; \
		tail -n 1 $$program.log; \
	done

## libtaf.so exports only taf_* and ExecInClientDLL (no Rust or Python symbols), with its SONAME.
c-exports: c-lib
	@extra=$$(nm -D --defined-only target/debug/libtaf.so | awk '{print $$3}' | grep -v -E '^(taf_[a-z0-9_]+|ExecInClientDLL)$$'); \
	if [ -n "$$extra" ]; then echo "unexpected exports of libtaf.so:"; echo "$$extra"; exit 1; fi
	@readelf -d target/debug/libtaf.so | grep -q 'SONAME.*\[libtaf\.so\.0\]' || { echo "libtaf.so has no SONAME libtaf.so.0"; exit 1; }
	@echo "libtaf.so exports $$(nm -D --defined-only target/debug/libtaf.so | wc -l) symbols, all taf_* or ExecInClientDLL; SONAME libtaf.so.0"

## The same programs under valgrind: any error or leak fails.
c-valgrind: $(TAF_C_TESTS) $(TAF_C_EXAMPLES)
	@command -v valgrind >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq valgrind; \
		else sudo apt-get update -qq && sudo apt-get install -y -qq valgrind; fi; }
	@for program in $(TAF_C_TESTS) $(TAF_C_EXAMPLES); do \
		$(TAF_C_VALGRIND) ./$$program > $$program.valgrind.log 2>&1 || { cat $$program.valgrind.log; echo "FAILED under valgrind: $$program"; exit 1; }; \
		echo "valgrind clean: $$(tail -n 1 $$program.valgrind.log)"; \
	done

## bindings/c/taf.h is what cbindgen generates from the sources.
c-header-check:
	$(CARGO) test --quiet -p taf-ffi --test header

## Release build installed under $(DESTDIR)$(PREFIX): libtaf.a, libtaf.so.<version> with its
## SONAME link libtaf.so.0 and libtaf.so, include/taf.h and lib/pkgconfig/taf.pc.
install:
	$(CARGO) build --quiet --release -p taf-ffi
	install -d $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/include
	install -m 644 target/release/libtaf.a $(DESTDIR)$(PREFIX)/lib/libtaf.a
	install -m 755 target/release/libtaf.so $(DESTDIR)$(PREFIX)/lib/libtaf.so.$(TAF_C_VERSION)
	ln -sf libtaf.so.$(TAF_C_VERSION) $(DESTDIR)$(PREFIX)/lib/libtaf.so.0
	ln -sf libtaf.so.0 $(DESTDIR)$(PREFIX)/lib/libtaf.so
	install -m 644 $(TAF_C_DIR)/taf.h $(DESTDIR)$(PREFIX)/include/taf.h
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(TAF_C_VERSION)|' $(TAF_C_DIR)/taf.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/taf.pc

ifneq ($(words $(MAKEFILE_LIST)),1)
.DEFAULT_GOAL := $(TAF_C_PREVIOUS_GOAL)
endif
