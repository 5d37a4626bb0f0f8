# The Windows DLL SmartClient loads: cross builds, packages and Wine tests. Paths are relative to
# the repository root; the top-level Makefile includes this file after bindings/c/c.mk (it uses
# the C tests' header vectors.h and libtaf.so from there).
#
#   windows        release libtaf.dll for x64 and x86 (MinGW), its exports and imports checked,
#                  one package per architecture under target/windows/package (folder and .zip)
#   windows-test   the packages' DLLs under Wine: the SmartClient player and the C API's tests,
#                  and the player's transcript compared byte for byte with libtaf.so's
#
# Missing tools are installed: the rustup targets, Debian's MinGW compilers and Wine (wine32
# through the i386 architecture). Without a 32-bit Wine the x86 DLL is built and its exports
# checked, and the run says loudly that its Wine tests were skipped.

TAF_WIN_DIR := bindings/windows
TAF_WIN_OUT := target/windows
TAF_WIN_ARCHES := x64 x86
TAF_WIN_TRIPLE_x64 := x86_64-pc-windows-gnu
TAF_WIN_TRIPLE_x86 := i686-pc-windows-gnu
TAF_WIN_MINGW_x64 := x86_64-w64-mingw32
TAF_WIN_MINGW_x86 := i686-w64-mingw32
TAF_WIN_APT_x64 := gcc-mingw-w64-x86-64
TAF_WIN_APT_x86 := gcc-mingw-w64-i686
TAF_WIN_CFLAGS := -std=c11 -g -Wall -Wextra -Werror -D__USE_MINGW_ANSI_STDIO=1 -I$(TAF_C_DIR) -I$(TAF_C_DIR)/tests -I$(TAF_C_OUT)
TAF_WIN_PLAYER_CFLAGS := -DTAF_VERSION='"$(TAF_C_VERSION)"'
TAF_WIN_SESSION := $(TAF_WIN_DIR)/tests/session.tsv
# System DLLs every supported Windows (10 and later) has; anything else in the imports fails.
TAF_WIN_SYSTEM_DLLS := kernel32|ntdll|msvcrt|ws2_32|userenv|advapi32|bcrypt|bcryptprimitives|api-ms-win-core-[a-z0-9-]+
TAF_WINE := env WINEPREFIX=$(abspath $(TAF_WIN_OUT)/wine) WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" DISPLAY= wine
# apt-get as root or through sudo, quiet, waiting for another apt to finish; a failed index
# update is not fatal (the install step says whether what is needed arrived).
TAF_WIN_APT := $(if $(filter 0,$(shell id -u)),,sudo) env DEBIAN_FRONTEND=noninteractive apt-get -qq -o DPkg::Lock::Timeout=600
TAF_WIN_APT_LOG := $(TAF_WIN_OUT)/apt.log

.PHONY: windows windows-tools windows-wine windows-test

windows: $(foreach arch,$(TAF_WIN_ARCHES),windows-package-$(arch))

windows-test: $(foreach arch,$(TAF_WIN_ARCHES),windows-test-$(arch))

## The rustup targets and the MinGW cross compilers, each installed only when missing.
windows-tools:
	@mkdir -p $(TAF_WIN_OUT)
	@for triple in $(TAF_WIN_TRIPLE_x64) $(TAF_WIN_TRIPLE_x86); do \
		rustup target list --installed | grep -qx $$triple || rustup target add $$triple >/dev/null || exit 1; \
	done
	@missing=""; \
	for arch in $(TAF_WIN_ARCHES); do \
		case $$arch in x64) gcc=$(TAF_WIN_MINGW_x64)-gcc; pkg=$(TAF_WIN_APT_x64);; \
		               x86) gcc=$(TAF_WIN_MINGW_x86)-gcc; pkg=$(TAF_WIN_APT_x86);; esac; \
		command -v $$gcc >/dev/null 2>&1 || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing$$missing"; \
		{ $(TAF_WIN_APT) update || true; $(TAF_WIN_APT) install -y $$missing; } > $(TAF_WIN_APT_LOG) 2>&1 || { cat $(TAF_WIN_APT_LOG); exit 1; }; \
	fi

## Wine for both architectures (bindings/windows/install-wine.sh): wine and wine64, then wine32
## through the i386 architecture. A 32-bit Wine that cannot be installed is reported, not fatal:
## windows-test-x86 then says its Wine tests were skipped (the x86 DLL is still checked).
windows-wine:
	@mkdir -p $(TAF_WIN_OUT)
	@sh $(TAF_WIN_DIR)/install-wine.sh $(TAF_WIN_APT_LOG)

## The player for Linux, against libtaf.so: its transcript is what the DLLs must reproduce.
$(TAF_WIN_OUT)/linux/smartclient: $(TAF_WIN_DIR)/tests/smartclient.c $(TAF_C_DIR)/tests/check.h $(TAF_C_DIR)/taf.h
	@mkdir -p $(@D)
	$(CC) $(TAF_C_CFLAGS) -I$(TAF_C_DIR)/tests -D_POSIX_C_SOURCE=200809L $(TAF_WIN_PLAYER_CFLAGS) -o $@ $< -ldl

$(TAF_WIN_OUT)/linux/transcript.txt: $(TAF_WIN_OUT)/linux/smartclient c-lib
	./$(TAF_WIN_OUT)/linux/smartclient target/debug/libtaf.so $(TAF_WIN_SESSION) $@ | tail -n 1

# Everything per architecture: $(1) is x64 or x86.
define TAF_WIN_ARCH_RULES
TAF_WIN_BUILD_$(1) := target/$(TAF_WIN_TRIPLE_$(1))/release
TAF_WIN_TEST_$(1) := $(TAF_WIN_OUT)/test-$(1)
TAF_WIN_PACKAGE_$(1) := $(TAF_WIN_OUT)/package/libtaf-$(TAF_C_VERSION)-windows-$(1)

.PHONY: windows-lib-$(1) windows-exports-$(1) windows-package-$(1) windows-test-$(1)

## The release DLL and its import library; cargo decides whether anything changed.
windows-lib-$(1): windows-tools
	$(CARGO) build --quiet --release -p taf-ffi --target $(TAF_WIN_TRIPLE_$(1))

## Exports only taf_* and ExecInClientDLL (undecorated), imports only system DLLs.
windows-exports-$(1): windows-lib-$(1)
	@$(TAF_WIN_MINGW_$(1))-objdump -p $$(TAF_WIN_BUILD_$(1))/taf.dll > $(TAF_WIN_OUT)/objdump-$(1).txt
	@sed -n '/\[Ordinal\/Name Pointer\] Table/,/^$$$$/p' $(TAF_WIN_OUT)/objdump-$(1).txt | sed 1d | awk 'NF {print $$$$NF}' > $(TAF_WIN_OUT)/exports-$(1).txt
	@grep -qx ExecInClientDLL $(TAF_WIN_OUT)/exports-$(1).txt || { echo "$(1) libtaf.dll does not export ExecInClientDLL"; exit 1; }
	@extra=$$$$(grep -v -E '^(taf_[a-z0-9_]+|ExecInClientDLL)$$$$' $(TAF_WIN_OUT)/exports-$(1).txt); \
	if [ -n "$$$$extra" ]; then echo "unexpected exports of the $(1) libtaf.dll:"; echo "$$$$extra"; exit 1; fi
	@grep 'DLL Name:' $(TAF_WIN_OUT)/objdump-$(1).txt | awk '{print $$$$3}' > $(TAF_WIN_OUT)/imports-$(1).txt
	@extra=$$$$(grep -v -i -x -E '($(TAF_WIN_SYSTEM_DLLS))\.dll' $(TAF_WIN_OUT)/imports-$(1).txt); \
	if [ -n "$$$$extra" ]; then echo "the $(1) libtaf.dll needs DLLs Windows does not have:"; echo "$$$$extra"; exit 1; fi
	@grep -q 'Name.*libtaf\.dll' $(TAF_WIN_OUT)/objdump-$(1).txt || { echo "$(1) DLL is not named libtaf.dll"; exit 1; }
	@echo "$(1) libtaf.dll exports $$$$(wc -l < $(TAF_WIN_OUT)/exports-$(1).txt) symbols, all taf_* or ExecInClientDLL; imports only $$$$(sort -f $(TAF_WIN_OUT)/imports-$(1).txt | tr '\n' ' ')"
	@if [ $(1) = x86 ]; then \
		$(TAF_WIN_MINGW_$(1))-objdump -d --no-show-raw-insn $$(TAF_WIN_BUILD_$(1))/taf.dll | sed -n '/<_ExecInClientDLL>:/,/^$$$$/p' | grep -E '\sret' > $(TAF_WIN_OUT)/returns-$(1).txt; \
		if [ ! -s $(TAF_WIN_OUT)/returns-$(1).txt ] || grep -q 'ret *\$$$$' $(TAF_WIN_OUT)/returns-$(1).txt; then \
			echo "x86 ExecInClientDLL is not cdecl (a cdecl function returns with a plain ret):"; cat $(TAF_WIN_OUT)/returns-$(1).txt; exit 1; fi; \
		echo "x86 ExecInClientDLL is cdecl: its $$$$(wc -l < $(TAF_WIN_OUT)/returns-$(1).txt) return(s) leave the arguments to the caller"; \
	fi

## The package: libtaf.dll (without its symbol table), its import library, taf.h, the ADVPL sample and the README, also zipped.
windows-package-$(1): windows-exports-$(1)
	@rm -rf $$(TAF_WIN_PACKAGE_$(1)) $$(TAF_WIN_PACKAGE_$(1)).zip
	@mkdir -p $$(TAF_WIN_PACKAGE_$(1))
	$(TAF_WIN_MINGW_$(1))-strip -o $$(TAF_WIN_PACKAGE_$(1))/libtaf.dll $$(TAF_WIN_BUILD_$(1))/taf.dll
	cp $$(TAF_WIN_BUILD_$(1))/libtaf.dll.a $(TAF_C_DIR)/taf.h bindings/advpl/taf_sample.prw $(TAF_WIN_DIR)/README.md $$(TAF_WIN_PACKAGE_$(1))/
	cd $$(dir $$(TAF_WIN_PACKAGE_$(1))) && $(PYTHON) -m zipfile -c $$(notdir $$(TAF_WIN_PACKAGE_$(1))).zip $$(notdir $$(TAF_WIN_PACKAGE_$(1)))

## The test folder: the package's DLL, the test-only ProcessPrng stand-in and the programs.
$$(TAF_WIN_TEST_$(1))/bcryptprimitives.dll: $(TAF_WIN_DIR)/tests/bcryptprimitives.c | windows-tools
	@mkdir -p $$(@D)
	$(TAF_WIN_MINGW_$(1))-gcc -shared -O2 -Wall -Werror -Wl,--kill-at -o $$@ $$< -lbcrypt

$$(TAF_WIN_TEST_$(1))/smartclient.exe: $(TAF_WIN_DIR)/tests/smartclient.c $(TAF_C_DIR)/tests/check.h $(TAF_C_DIR)/taf.h | windows-tools
	@mkdir -p $$(@D)
	$(TAF_WIN_MINGW_$(1))-gcc $(TAF_WIN_CFLAGS) $(TAF_WIN_PLAYER_CFLAGS) -o $$@ $$<

$$(TAF_WIN_TEST_$(1))/%.exe: $(TAF_C_DIR)/tests/%.c $(wildcard $(TAF_C_DIR)/tests/*.h) $(TAF_C_DIR)/taf.h $(TAF_C_OUT)/vectors.h windows-package-$(1)
	@mkdir -p $$(@D)
	$(TAF_WIN_MINGW_$(1))-gcc $(TAF_WIN_CFLAGS) -o $$@ $$< $$(TAF_WIN_PACKAGE_$(1))/libtaf.dll.a -static -lpthread

## Runs the player and the C API's tests under Wine from the repository root (the tests read
## fixtures by relative path); LoadLibrary finds libtaf.dll in the programs' folder.
windows-test-$(1): windows-package-$(1) windows-wine $$(TAF_WIN_TEST_$(1))/bcryptprimitives.dll $$(TAF_WIN_TEST_$(1))/smartclient.exe $(patsubst $(TAF_C_DIR)/tests/%.c,$$(TAF_WIN_TEST_$(1))/%.exe,$(wildcard $(TAF_C_DIR)/tests/test_*.c)) $(TAF_WIN_OUT)/linux/transcript.txt
	@if [ "$(1)" = x86 ] && [ ! -x /usr/lib/wine/wine ]; then \
		echo "SKIPPED: x86 Wine tests (no 32-bit Wine here); the x86 DLL was built and its exports checked"; \
	else \
		cp $$(TAF_WIN_PACKAGE_$(1))/libtaf.dll $$(TAF_WIN_TEST_$(1))/libtaf.dll; \
		for program in $$(TAF_WIN_TEST_$(1))/smartclient.exe $$(TAF_WIN_TEST_$(1))/test_*.exe; do \
			case $$$$program in *smartclient.exe) args="libtaf $(TAF_WIN_SESSION) $$(TAF_WIN_TEST_$(1))/transcript.txt";; *) args="";; esac; \
			$(TAF_WINE) $$$$program $$$$args > $$$$program.log 2>&1 || { cat $$$$program.log; echo "FAILED under Wine ($(1)): $$$$program"; exit 1; }; \
			echo "$(1) Wine: $$$$(tail -n 1 $$$$program.log)"; \
		done; \
		cmp $$(TAF_WIN_TEST_$(1))/transcript.txt $(TAF_WIN_OUT)/linux/transcript.txt || { echo "the $(1) DLL answers differently from libtaf.so"; exit 1; }; \
		echo "$(1) DLL: $$$$(grep -a -c '^> ' $$(TAF_WIN_TEST_$(1))/transcript.txt) bridge calls answered byte for byte as libtaf.so"; \
	fi
endef

$(foreach arch,$(TAF_WIN_ARCHES),$(eval $(call TAF_WIN_ARCH_RULES,$(arch))))
