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
# The office guides (docs/zh/*.md) and the template reference: messages
# name this folder (src/util/docs.h).
DOCDIR    ?= $(PREFIX)/share/doc/gongshi

CC        ?= cc
CFLAGS    ?= -O2 -g
WERROR    ?= -Werror
WARNINGS   = -Wall -Wextra $(WERROR) -Wshadow -Wstrict-prototypes -Wmissing-prototypes
# Libraries that ship a .pc file come from pkg-config; libcsv and libhpdf
# do not on Debian, so they are plain -l flags (override LIBS_PLAIN if
# they live elsewhere).  One line: tests/fuzz/run.sh reads it.
PKGS       = libcmark libqrencode yaml-0.1 libcjson harfbuzz harfbuzz-subset libmicrohttpd zlib
# vips (libvips): the photos' derivatives (src/image/, load/photo_header.c),
# loaded with dlopen only when a site has photos (load/vipslib.h): its
# headers only, never linked.  One line: tests/fuzz/run.sh reads it.
PKGS_DLOPEN = vips
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) $(PKGS_DLOPEN) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lcmark -lqrencode -lyaml -lcjson -lharfbuzz-subset -lharfbuzz -lmicrohttpd -lz)
LIBS_PLAIN = -lcsv -lhpdf -lpthread -lm -ldl
# jemalloc: glibc's malloc spent 30-40 % of a clean build of 55,000
# communities in its slow path, serving the small nodes of page contexts
# (docs/performance.md).  The sanitizer and fuzz builds keep the C
# library's allocator, which they replace anyway.
MALLOC_LIBS ?= -ljemalloc
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L $(WARNINGS) -Isrc $(PKG_CFLAGS) \
             -DGONGSHI_VERSION='"$(VERSION)"' $(CFLAGS)
ALL_CFLAGS += -DGONGSHI_DOCDIR='"$(DOCDIR)"'
ALL_LIBS   = $(PKG_LIBS) $(LIBS_PLAIN) $(MALLOC_LIBS) $(LDLIBS)

# Debian packages: to build, and additionally to test.
DEB_BUILD  = make gcc pkg-config libcmark-dev libcsv-dev libhpdf-dev libharfbuzz-dev \
             libqrencode-dev libyaml-dev libcjson-dev libmicrohttpd-dev zlib1g-dev libjemalloc-dev \
             fonts-wqy-zenhei fonts-arphic-uming fonts-lxgw-wenkai
# The photos (issue 20): libvips reads JPEG/PNG/WebP/HEIC headers without decoding.
DEB_BUILD += libvips-dev
DEB_TEST   = poppler-utils qpdf mandoc time valgrind curl dpkg-dev \
             mupdf-tools ghostscript zbar-tools
# The PDF tests' fallback fonts (tests/unit/test_pdf_fonts.c opens them by path).
DEB_TEST  += fonts-dejavu-core fonts-dejavu-extra
# tests/sh/pdftext.sh: a fallback font for a CJK Ext-B character no
# default face has (U+20000), read back by every engine (issue 18).
DEB_TEST  += fonts-babelstone-han
# tests/sh/photos.sh writes GPS EXIF into a JPEG and reads what survives.
DEB_TEST  += libimage-exiftool-perl libvips-tools
# xmllint: tests/sh/progress.sh checks the feed with its progress entries is
# well-formed XML (make fresh-check found it missing from a minimal root).
DEB_TEST  += libxml2-utils
# tests/sh/photo-cache.sh watches which photos a rebuild opens (openat) with strace.
DEB_TEST  += strace

B          = build
# V=1 shows the full compiler command lines.
Q          = $(if $(V),,@)
LIB_SRC    = $(sort $(wildcard src/*/*.c))
LIB_OBJ    = $(LIB_SRC:%.c=$(B)/%.o) $(B)/gen/theme_default.o $(B)/gen/table_guide.o
TEST_SRC   = $(sort $(wildcard tests/unit/test_*.c))
TEST_BIN   = $(TEST_SRC:tests/unit/%.c=$(B)/tests/%)

ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

.PHONY: all deps test-deps site check units asan-units bench bench-compare fuzz fuzz-replay install uninstall deb clean
.PHONY: fresh-check
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

# A test program links the library objects from an archive, so it holds
# only what it calls: 20 test programs of every object each were 86 MB of
# build-asan/ (make check is to leave little in the work tree).  A thin
# archive (T): it names the objects instead of holding a second copy.
LIB_A      = $(B)/libgongshi.a
$(LIB_A): $(LIB_OBJ)
	@echo "  AR      $@"
	$(Q)rm -f $@ && $(AR) rcsT $@ $^

$(B)/tests/%: tests/unit/%.c $(LIB_A)
	@mkdir -p $(@D)
	@echo "  TEST    $@"
	$(Q)$(CC) $(ALL_CFLAGS) -Itests/unit -MMD -MP -o $@ $< $(LIB_A) $(ALL_LIBS)

# The default theme, compiled in (src/load/theme_embed.h; in LIB_OBJ), so
# that a site builds wherever gongshi runs: tools/embed_theme.c, built for
# the machine running make (HOSTCC), turns themes/default/ into a C source.
# The folders are prerequisites too: adding or removing a file regenerates
# it.
HOSTCC      ?= cc
THEME_FILES  = $(sort $(shell find themes/default -name '.*' -prune -o -type f -print))
THEME_DIRS   = $(sort $(shell find themes/default -name '.*' -prune -o -type d -print))

$(B)/tools/embed_theme: tools/embed_theme.c
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@"
	$(Q)$(HOSTCC) -std=c11 -O1 -Wall -Wextra $(WERROR) -o $@ $<

$(B)/gen/theme_default.c: $(B)/tools/embed_theme $(THEME_FILES) $(THEME_DIRS)
	@mkdir -p $(@D)
	@echo "  GEN     $@"
	$(Q)$(B)/tools/embed_theme themes/default $(THEME_FILES:themes/default/%=%) >$@.tmp && mv $@.tmp $@

$(B)/gen/%.o: $(B)/gen/%.c
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

site: gongshi
	./gongshi build .

# The suite runs twice: on the normal build and on a separate
# AddressSanitizer + UndefinedBehaviorSanitizer build in build-asan/.
# CHECK_START: when make began, so the elapsed time tests/run.sh prints
# counts the set-up and compiling too.
# The two builds compile on every core (CHECK_JOBS); tests/run.sh runs
# the two halves at once.
CHECK_START := $(shell date +%s)
CHECK_JOBS ?= $(shell nproc 2>/dev/null || echo 1)
check: test-deps
	@$(MAKE) --no-print-directory -j$(CHECK_JOBS) gongshi units
	@$(MAKE) --no-print-directory -j$(CHECK_JOBS) B=build-asan CFLAGS="$(ASAN_FLAGS)" MALLOC_LIBS= build-asan/gongshi asan-units
	@GONGSHI_CHECK_START=$(CHECK_START) sh tests/run.sh build build-asan

units: $(TEST_BIN)
asan-units: $(TEST_BIN)

# The documents a user has: `make install` and the .deb put the office
# guides and the template reference into DOCDIR, and `gongshi init` puts
# the table guide into every new site, from this file generated from its
# Markdown (one string per line; `?` escaped against trigraphs).
DOC_FILES  = $(sort $(wildcard docs/zh/*.md)) docs/theming.md docs/templates.md
$(B)/gen/table_guide.c: docs/zh/数据表格说明.md
	@mkdir -p $(@D)
	@echo "  GEN     $@"
	$(Q){ printf '%s\n' '/* Generated by the Makefile from docs/zh/数据表格说明.md: edit that file. */' \
	  '#include "cli/table_guide.h"' '' 'const char *const init_table_guide[] = {'; \
	  sed 's/\\/\\\\/g; s/"/\\"/g; s/?/\\?/g; s/^/\t"/; s/$$/",/' $<; \
	  printf '%s\n' '};' '' 'const size_t init_table_guide_lines =' \
	  '	sizeof(init_table_guide) / sizeof(init_table_guide[0]);'; } >$@.tmp && mv $@.tmp $@

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

install: $(B)/gongshi
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANPREFIX)/man1
	cp -f $(B)/gongshi $(DESTDIR)$(BINDIR)/gongshi
	chmod 755 $(DESTDIR)$(BINDIR)/gongshi
	cp -f gongshi.1 $(DESTDIR)$(MANPREFIX)/man1/gongshi.1
	chmod 644 $(DESTDIR)$(MANPREFIX)/man1/gongshi.1
	mkdir -p $(DESTDIR)$(DOCDIR)
	cp -f $(DOC_FILES) $(DESTDIR)$(DOCDIR)/
	chmod 644 $(addprefix $(DESTDIR)$(DOCDIR)/,$(notdir $(DOC_FILES)))

# $(DATADIR) held the default theme before it was compiled in.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/gongshi $(DESTDIR)$(MANPREFIX)/man1/gongshi.1
	rm -rf $(DESTDIR)$(DATADIR)
	rm -f $(addprefix $(DESTDIR)$(DOCDIR)/,$(notdir $(DOC_FILES)))
	rmdir $(DESTDIR)$(DOCDIR) 2>/dev/null || true

# make deb: gongshi_VERSION_ARCH.deb at the top, built without root: the
# binary (theme compiled in) and the man page.  The program is compiled
# with PREFIX=/usr and Debian's hardening flags in its own $(DEB_B), staged
# through `install`, and stripped; Depends are the shared libraries' packages
# (dpkg-shlibdeps) and the fonts of the PDF notices, which gongshi opens
# by path.  Every file gets the time SOURCE_DATE_EPOCH (the last commit's
# when unset), so one tree always gives the same package.
# The guides (DOC_FILES) go to /usr/share/doc/gongshi with the copyright.
DEB_B       = build-deb
DEB_ARCH    = $(shell dpkg --print-architecture)
DEB         = gongshi_$(VERSION)_$(DEB_ARCH).deb
DEB_PKG     = $(DEB_B)/pkg
DEB_ROOT    = $(DEB_PKG)/debian/gongshi
DEB_DOC     = $(DEB_ROOT)/usr/share/doc/gongshi
DEB_EPOCH   = $(or $(SOURCE_DATE_EPOCH),$(shell git log -1 --format=%ct 2>/dev/null),0)
DEB_MAINT   = gongshi developers <dev@gongshi.invalid>
DEB_FONTS   = fonts-wqy-zenhei, fonts-arphic-uming, fonts-lxgw-wenkai
# libvips is loaded with dlopen (load/vipslib.h), which dpkg-shlibdeps
# cannot see: its package is named here.
DEB_DLOPEN  = libvips42
DEB_CFLAGS  = $(shell dpkg-buildflags --get CFLAGS) $(shell dpkg-buildflags --get CPPFLAGS)
DEB_LDFLAGS = $(shell dpkg-buildflags --get LDFLAGS)
DEB_MAKE    = $(MAKE) --no-print-directory B=$(DEB_B) PREFIX=/usr \
              CFLAGS="$(DEB_CFLAGS)" LDLIBS="$(DEB_LDFLAGS)"

deb: deps
	@sh tests/deps.sh "$(NO_APT)" dpkg-dev
	+@$(DEB_MAKE) $(DEB_B)/gongshi
	rm -rf $(DEB_PKG) $(DEB)
	+@$(DEB_MAKE) DESTDIR="$(abspath $(DEB_ROOT))" install >/dev/null
	strip --strip-unneeded --remove-section=.comment --remove-section=.note $(DEB_ROOT)/usr/bin/gongshi
	gzip -9n $(DEB_ROOT)/usr/share/man/man1/gongshi.1
	mkdir -p $(DEB_DOC)
	@printf '%s\n' \
	  'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' \
	  'Upstream-Name: gongshi' \
	  '' \
	  'Files: *' \
	  "Copyright: $$(date -u -d @$(DEB_EPOCH) +%Y) $(DEB_MAINT)" \
	  'License: unspecified' \
	  ' No licence has been chosen for gongshi yet: ask its developers before' \
	  ' passing the program or its default theme on.' >$(DEB_DOC)/copyright
	@printf '%s\n' \
	  'gongshi ($(VERSION)) unstable; urgency=medium' \
	  '' \
	  '  * Built from the gongshi source tree by `make deb`.' \
	  '' \
	  " -- $(DEB_MAINT)  $$(date -u -R -d @$(DEB_EPOCH))" | gzip -9n >$(DEB_DOC)/changelog.Debian.gz
	find $(DEB_ROOT) -type d -exec chmod 755 {} + && find $(DEB_ROOT) -type f -exec chmod 644 {} +
	chmod 755 $(DEB_ROOT)/usr/bin/gongshi
# dpkg-shlibdeps reads debian/control and wants the binary in a tree with DEBIAN/.
	@printf 'Source: gongshi\n\nPackage: gongshi\nArchitecture: any\n' >$(DEB_PKG)/debian/control
	mkdir -p $(DEB_ROOT)/DEBIAN
	cd $(DEB_PKG) && dpkg-shlibdeps -O debian/gongshi/usr/bin/gongshi >shlibs
	@size=$$(find $(DEB_ROOT) -path $(DEB_ROOT)/DEBIAN -prune -o -type f -printf '%s\n' -o -printf 'd\n' | \
	  awk '{ k += $$1 == "d" ? 1 : int(($$1 + 1023) / 1024) } END { print k }'); \
	printf '%s\n' \
	  'Package: gongshi' \
	  'Version: $(VERSION)' \
	  'Architecture: $(DEB_ARCH)' \
	  'Maintainer: $(DEB_MAINT)' \
	  "Installed-Size: $$size" \
	  "Depends: $$(sed -n 's/^shlibs:Depends=//p' $(DEB_PKG)/shlibs), $(DEB_DLOPEN), $(DEB_FONTS)" \
	  'Section: web' \
	  'Priority: optional' \
	  'Description: public notices for old-community renovation plans' \
	  ' gongshi publishes a district'"'"'s plan to renovate old residential' \
	  ' communities as a static website for residents and as printable A4' \
	  ' notices for each community'"'"'s bulletin board, from the spreadsheets' \
	  ' (CSV, UTF-8 or GBK) and Markdown pages the office already keeps.' \
	  ' .' \
	  ' 公示：把老旧小区整治改造实施方案发布为静态公示网站和每个小区可张贴的' \
	  ' A4 PDF 公示。数据来自办公室用 Excel 或 WPS 维护的表格（CSV）和' \
	  ' Markdown 页面。' >$(DEB_ROOT)/DEBIAN/control
	chmod 644 $(DEB_ROOT)/DEBIAN/control
	find $(DEB_ROOT) -exec touch -h -d @$(DEB_EPOCH) {} +
	SOURCE_DATE_EPOCH=$(DEB_EPOCH) dpkg-deb --root-owner-group -Zxz --build $(DEB_ROOT) $(DEB)

# The README's quick start on a new minimal Debian 12 (debootstrap, as
# root, in build-fresh/): proves `make check` needs nothing this machine
# happens to have.  See tests/fresh-check.sh.
fresh-check:
	@sh tests/deps.sh "$(NO_APT)" debootstrap git
	@sh tests/fresh-check.sh

clean:
	rm -rf build build-asan build-fuzz build-deb gongshi gongshi_*.deb tests/out
	@if grep -q " $(CURDIR)/build-fresh/" /proc/mounts 2>/dev/null; then \
	  echo "build-fresh/ has mounts: not removed" >&2; else rm -rf --one-file-system build-fresh; fi

-include $(wildcard $(B)/src/*.d $(B)/src/*/*.d $(B)/tests/*.d $(B)/gen/*.d)
