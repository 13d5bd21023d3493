# Builds the fuzz harnesses; called by tests/fuzz/run.sh (not by hand:
# run.sh passes PKGS and LIBS_PLAIN as read from the main Makefile).
#
#   MODE=fuzz    clang + libFuzzer + ASan + UBSan: $(B)/fuzz_NAME
#   MODE=replay  any $(CC) + ASan + UBSan, with tests/fuzz/replay_main.c
#                as main(): $(B)/replay_NAME, runs each file given once
#
# The library objects are every src/*/*.c (src/main.c is the program),
# compiled into $(B)/obj/ with the sanitizers and linked from an archive,
# so a harness pulls in only what it calls (src/html/ half-way through a
# change cannot break the CSV harness's link).

MODE       ?= fuzz
B          ?= build-fuzz
PKGS       ?= libcmark libqrencode yaml-0.1 libcjson harfbuzz harfbuzz-subset zlib
PKGS_DLOPEN ?= vips
LIBS_PLAIN ?= -lcsv -lhpdf -lpthread -lm -ldl
HARNESSES  ?= csv yaml frontmatter mustache layout site

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) $(PKGS_DLOPEN))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS))

ifeq ($(MODE),fuzz)
CC         := clang
SAN_CC      = -fsanitize=fuzzer-no-link,address,undefined
SAN_LD      = -fsanitize=fuzzer,address,undefined
DRIVER      =
PREFIX      = fuzz_
else
SAN_CC      = -fsanitize=address,undefined
SAN_LD      = $(SAN_CC)
DRIVER      = $(B)/obj/tests/fuzz/replay_main.o
PREFIX      = replay_
endif

WARNINGS    = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
BASE_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L $(WARNINGS) -Isrc $(PKG_CFLAGS) \
              -DGONGSHI_VERSION='"fuzz"' -DGONGSHI_DATADIR='"/usr/local/share/gongshi"' \
              -O1 -g -fno-omit-frame-pointer -fno-sanitize-recover=all $(SAN_CC)

LIB_SRC     = $(sort $(wildcard src/*/*.c))
LIB_OBJ     = $(LIB_SRC:%.c=$(B)/obj/%.o)
BINS        = $(HARNESSES:%=$(B)/$(PREFIX)%)

.PHONY: all
all: $(BINS)
# Keep the objects make would otherwise delete as intermediates.
.SECONDARY:

# Other people's warnings are the main build's business; the harnesses
# themselves must be clean.
$(B)/obj/src/%.o: src/%.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(BASE_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/obj/tests/fuzz/%.o: tests/fuzz/%.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(BASE_CFLAGS) -Werror -MMD -MP -c -o $@ $<

$(B)/libgongshi.a: $(LIB_OBJ)
	@echo "  AR      $@"
	@rm -f $@
	@ar rcs $@ $^

$(B)/$(PREFIX)%: $(B)/obj/tests/fuzz/fuzz_%.o $(DRIVER) $(B)/libgongshi.a
	@echo "  LD      $@"
	@$(CC) $(SAN_LD) -o $@ $^ $(PKG_LIBS) $(LIBS_PLAIN)

-include $(wildcard $(B)/obj/src/*/*.d $(B)/obj/tests/fuzz/*.d)
