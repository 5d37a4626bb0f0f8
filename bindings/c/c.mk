# The C library's targets: tests, valgrind, header check and install. Paths are relative to
# the repository root. The top-level Makefile includes this file (`include bindings/c/c.mk`);
# it also runs alone: make -f bindings/c/c.mk c-test
#
#   c-lib           libtaf.a and libtaf.so (debug) in target/debug, with the libtaf.so.0 link
#   c-release       the same in target/release: link with -Ltarget/release -ltaf
#   c-test          build libtaf (debug), compile the C tests and examples with -Werror, run them,
#                   check that every export is called from a C test (c-coverage), check
#                   libtaf.so's exports and SONAME (c-exports), run a test linked with the shared
#                   library (c-shared) and a program built through `make install` and
#                   pkg-config (c-install-test)
#   c-valgrind      the same binaries under valgrind (installed with apt-get when missing)
#   c-header-check  bindings/c/taf.h equals a fresh cbindgen generation
#   install         release build into $(DESTDIR)$(PREFIX): lib, include, pkg-config
#                   (TAF_C_INSTALL_PROFILE=debug installs the debug build instead)
#
# libtaf.so carries the SONAME libtaf.so.0 (the ABI major version), so a program linked with
# -ltaf asks the loader for libtaf.so.0. Cargo only writes libtaf.so, and a build script may
# not write outside its OUT_DIR, so c-lib and c-release add the libtaf.so.0 link beside it;
# install puts libtaf.so.<version> with both links under $(PREFIX)/lib.

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
TAF_C_WARNINGS := -std=c11 -g -Wall -Wextra -Werror
TAF_C_CFLAGS := $(TAF_C_WARNINGS) -I$(TAF_C_DIR) -I$(TAF_C_OUT)
TAF_C_LDLIBS := -lpthread -ldl -lm
TAF_C_TESTS := $(patsubst $(TAF_C_DIR)/tests/%.c,$(TAF_C_OUT)/%,$(wildcard $(TAF_C_DIR)/tests/*.c))
TAF_C_EXAMPLES := $(patsubst $(TAF_C_DIR)/examples/%.c,$(TAF_C_OUT)/%,$(wildcard $(TAF_C_DIR)/examples/*.c))
TAF_C_VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
TAF_C_VALGRIND := valgrind --quiet --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect,possible \
	--suppressions=$(TAF_C_DIR)/tests/valgrind.supp
TAF_C_INSTALL_PROFILE ?= release
TAF_C_STAGE := $(TAF_C_OUT)/install

# Installs apt package(s) $(1), as root or through sudo; a stale mirror index (a failed
# `apt-get update`) does not stop an install that the cached index can still serve.
apt_install = if [ "$$(id -u)" = 0 ]; then { apt-get update -qq || true; } && apt-get install -y -qq $(1); \
	else { sudo apt-get update -qq || true; } && sudo apt-get install -y -qq $(1); fi

# Installs apt package $(1) when command $(2) is missing (CI starts from a clean machine).
taf_c_need = command -v $(2) >/dev/null 2>&1 || { $(call apt_install,$(1)); }

.PHONY: c-lib c-release c-test c-coverage c-exports c-shared c-install-test c-valgrind \
	c-header-check install

## The static and shared libraries (debug) and the SONAME link; cargo decides whether anything
## changed.
c-lib:
	$(CARGO) build --quiet -p taf-ffi
	ln -sf libtaf.so target/debug/libtaf.so.0

## The same, optimised, in target/release.
c-release:
	$(CARGO) build --quiet --release -p taf-ffi
	ln -sf libtaf.so target/release/libtaf.so.0

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
c-test: $(TAF_C_TESTS) $(TAF_C_EXAMPLES) c-coverage c-exports c-shared c-install-test
	@for program in $(TAF_C_TESTS) $(TAF_C_EXAMPLES); do \
		./$$program > $$program.log 2>&1 || { cat $$program.log; echo "FAILED: $$program"; exit 1; }; \
		tail -n 1 $$program.log; \
	done

## Every function taf.h declares is called from at least one C test.
c-coverage:
	@$(TAF_C_DIR)/tests/exports_called.sh $(TAF_C_DIR)/taf.h $(TAF_C_DIR)/tests

## test_api linked with -Ltarget/debug -ltaf: it needs libtaf.so.0 at start and finds it.
c-shared: c-lib $(TAF_C_OUT)/vectors.h
	$(CC) $(TAF_C_CFLAGS) -o $(TAF_C_OUT)/test_api_shared $(TAF_C_DIR)/tests/test_api.c \
		-Ltarget/debug -ltaf -Wl,-rpath,$(abspath target/debug)
	@readelf -d $(TAF_C_OUT)/test_api_shared | grep -q 'NEEDED.*\[libtaf\.so\.0\]' || \
		{ echo "test_api_shared does not load libtaf.so.0"; exit 1; }
	@./$(TAF_C_OUT)/test_api_shared | sed 's/^test_api:/test_api (shared libtaf.so.0):/'

## `make install` into a scratch prefix (debug build), then a program compiled and linked with
## `pkg-config --cflags --libs taf` alone runs against the installed libtaf.so.0.
c-install-test:
	@$(call taf_c_need,pkg-config,pkg-config)
	rm -rf $(TAF_C_STAGE)
	$(MAKE) --no-print-directory -f $(TAF_C_DIR)/c.mk install PREFIX=$(abspath $(TAF_C_STAGE)) \
		TAF_C_INSTALL_PROFILE=debug
	@export PKG_CONFIG_PATH=$(abspath $(TAF_C_STAGE))/lib/pkgconfig; \
	set -e; \
	$(CC) $(TAF_C_WARNINGS) $$(pkg-config --cflags taf) -o $(TAF_C_STAGE)/page_ticket \
		$(TAF_C_DIR)/examples/page_ticket.c $$(pkg-config --libs taf) \
		-Wl,-rpath,$$(pkg-config --variable=libdir taf); \
	readelf -d $(TAF_C_STAGE)/page_ticket | grep -q 'NEEDED.*\[libtaf\.so\.0\]' || \
		{ echo "page_ticket does not load libtaf.so.0"; exit 1; }; \
	echo "installed with pkg-config taf $$(pkg-config --modversion taf): $$(./$(TAF_C_STAGE)/page_ticket | tail -n 1)"

## libtaf.so exports only taf_* and ExecInClientDLL (no Rust or Python symbols), with its SONAME.
c-exports: c-lib
	@extra=$$(nm -D --defined-only target/debug/libtaf.so | awk '{print $$3}' | grep -v -E '^(taf_[a-z0-9_]+|ExecInClientDLL)$$'); \
	if [ -n "$$extra" ]; then echo "unexpected exports of libtaf.so:"; echo "$$extra"; exit 1; fi
	@readelf -d target/debug/libtaf.so | grep -q 'SONAME.*\[libtaf\.so\.0\]' || { echo "libtaf.so has no SONAME libtaf.so.0"; exit 1; }
	@echo "libtaf.so exports $$(nm -D --defined-only target/debug/libtaf.so | wc -l) symbols, all taf_* or ExecInClientDLL; SONAME libtaf.so.0"

## The same programs under valgrind: any error or leak fails.
c-valgrind: $(TAF_C_TESTS) $(TAF_C_EXAMPLES)
	@$(call taf_c_need,valgrind,valgrind)
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
	$(CARGO) build --quiet $(if $(filter release,$(TAF_C_INSTALL_PROFILE)),--release) -p taf-ffi
	install -d $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/include
	install -m 644 target/$(TAF_C_INSTALL_PROFILE)/libtaf.a $(DESTDIR)$(PREFIX)/lib/libtaf.a
	install -m 755 target/$(TAF_C_INSTALL_PROFILE)/libtaf.so $(DESTDIR)$(PREFIX)/lib/libtaf.so.$(TAF_C_VERSION)
	ln -sf libtaf.so.$(TAF_C_VERSION) $(DESTDIR)$(PREFIX)/lib/libtaf.so.0
	ln -sf libtaf.so.0 $(DESTDIR)$(PREFIX)/lib/libtaf.so
	install -m 644 $(TAF_C_DIR)/taf.h $(DESTDIR)$(PREFIX)/include/taf.h
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(TAF_C_VERSION)|' $(TAF_C_DIR)/taf.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/taf.pc

ifneq ($(words $(MAKEFILE_LIST)),1)
.DEFAULT_GOAL := $(TAF_C_PREVIOUS_GOAL)
endif
