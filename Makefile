# gongshi — public notices for old-community renovation.
#
#   make            install missing Debian packages, build, render the example site
#   make check      the same set-up, then every test (also under ASan + UBSan)
#   make install    PREFIX=/usr/local DESTDIR=
#
# NO_APT=1 skips apt-get and only reports missing packages.

VERSION    = 0.1.0
PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
MANPREFIX ?= $(PREFIX)/share/man
DATADIR   ?= $(PREFIX)/share/gongshi

CC        ?= cc
CFLAGS    ?= -O2 -g
WERROR    ?= -Werror
WARNINGS   = -Wall -Wextra $(WERROR) -Wshadow -Wstrict-prototypes -Wmissing-prototypes
# Libraries that ship a .pc file come from pkg-config; libcsv and libhpdf
# do not on Debian, so they are plain -l flags (override LIBS_PLAIN if
# they live elsewhere).
PKGS       = libcmark libqrencode yaml-0.1 libcjson harfbuzz harfbuzz-subset zlib
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lcmark -lqrencode -lyaml -lcjson -lharfbuzz-subset -lharfbuzz -lz)
LIBS_PLAIN = -lcsv -lhpdf -lpthread -lm
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L $(WARNINGS) -Isrc $(PKG_CFLAGS) \
             -DGONGSHI_VERSION='"$(VERSION)"' -DGONGSHI_DATADIR='"$(DATADIR)"' $(CFLAGS)
ALL_LIBS   = $(PKG_LIBS) $(LIBS_PLAIN) $(LDLIBS)

# Debian packages: to build, and additionally to test.
DEB_BUILD  = make gcc pkg-config libcmark-dev libcsv-dev libhpdf-dev libharfbuzz-dev \
             libqrencode-dev libyaml-dev libcjson-dev libmicrohttpd-dev zlib1g-dev \
             fonts-wqy-zenhei fonts-arphic-uming
DEB_TEST   = poppler-utils qpdf mandoc time valgrind

B          = build
# V=1 shows the full compiler command lines.
Q          = $(if $(V),,@)
LIB_SRC    = $(sort $(wildcard src/*/*.c))
LIB_OBJ    = $(LIB_SRC:%.c=$(B)/%.o)
TEST_SRC   = $(sort $(wildcard tests/unit/test_*.c))
TEST_BIN   = $(TEST_SRC:tests/unit/%.c=$(B)/tests/%)

ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

.PHONY: all deps test-deps site check units asan-units bench bench-compare fuzz fuzz-replay install uninstall clean
.DEFAULT_GOAL := all

all: deps
	@$(MAKE) --no-print-directory gongshi
	@$(MAKE) --no-print-directory site

deps:
	@sh tests/deps.sh "$(NO_APT)" $(DEB_BUILD)

test-deps:
	@sh tests/deps.sh "$(NO_APT)" $(DEB_BUILD) $(DEB_TEST)
	@if [ -f tests/e2e/setup.sh ]; then NO_APT="$(NO_APT)" sh tests/e2e/setup.sh; fi

gongshi: $(B)/gongshi
	@cp $(B)/gongshi gongshi

$(B)/gongshi: $(B)/src/main.o $(LIB_OBJ)
	@echo "  LD      $@"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $^ $(ALL_LIBS)

$(B)/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/tests/%: tests/unit/%.c $(LIB_OBJ)
	@mkdir -p $(@D)
	@echo "  TEST    $@"
	$(Q)$(CC) $(ALL_CFLAGS) -Itests/unit -MMD -MP -o $@ $< $(LIB_OBJ) $(ALL_LIBS)

site: gongshi
	./gongshi build .

# The suite runs twice: on the normal build and on a separate
# AddressSanitizer + UndefinedBehaviorSanitizer build in build-asan/.
check: test-deps
	@$(MAKE) --no-print-directory gongshi units
	@$(MAKE) --no-print-directory B=build-asan CFLAGS="$(ASAN_FLAGS)" build-asan/gongshi asan-units
	@sh tests/run.sh build build-asan

units: $(TEST_BIN)
asan-units: $(TEST_BIN)

# Speed and memory are measured here, never in timed tests.
bench: deps
	@sh tests/deps.sh "$(NO_APT)" time
	@$(MAKE) --no-print-directory gongshi $(B)/tests/test_pdf_notice
	@sh tests/bench/run.sh

# The same generated data through Hugo, and one notice through
# wkhtmltopdf, in the same run; prints medians and ratios.
bench-compare: deps
	@sh tests/deps.sh "$(NO_APT)" time hugo wkhtmltopdf poppler-utils
	@$(MAKE) --no-print-directory gongshi $(B)/tests/test_pdf_notice
	@NO_APT="$(NO_APT)" sh tests/bench/compare.sh

# libFuzzer (clang) on each harness of tests/fuzz/ for FUZZ_SECONDS each;
# see docs/security.md.  fuzz-replay runs every harness once over the
# seeds and tests/fuzz/regress/ (make check does too).
FUZZ_SECONDS ?= 60
fuzz: deps
	@sh tests/deps.sh "$(NO_APT)" clang libclang-rt-14-dev
	@FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run.sh

fuzz-replay: deps
	@CC="$(CC)" sh tests/fuzz/run.sh --replay

install: gongshi
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANPREFIX)/man1 $(DESTDIR)$(DATADIR)/themes
	cp -f gongshi $(DESTDIR)$(BINDIR)/gongshi
	chmod 755 $(DESTDIR)$(BINDIR)/gongshi
	cp -f gongshi.1 $(DESTDIR)$(MANPREFIX)/man1/gongshi.1
	chmod 644 $(DESTDIR)$(MANPREFIX)/man1/gongshi.1
	cp -R themes/default $(DESTDIR)$(DATADIR)/themes/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/gongshi $(DESTDIR)$(MANPREFIX)/man1/gongshi.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-asan build-fuzz gongshi tests/out

-include $(wildcard $(B)/src/*.d $(B)/src/*/*.d $(B)/tests/*.d)
