#!/bin/sh
# run-once
# valgrind memcheck over a whole build of the example site (website and
# every notice, two threads) and over `gongshi check`: no invalid access,
# no use of uninitialised memory, no definite or indirect leak.
. "$(dirname "$0")/../lib/common.sh"
t_init valgrind
copy_example_site "$OUT/site"
repo_themes

if ! command -v valgrind >/dev/null 2>&1; then
	skip "valgrind not installed"
	finish
fi

# valgrind 3.19 (Debian 12) does not decode AVX-512: on a CPU that has
# it, libvips's libhwy dies of SIGILL in its start-up probe under
# memcheck (exit 132) before a photo is read.  There the example is
# checked without its photos, so that libvips is never loaded, and the
# photos' part is said to be skipped.
if command -v vips >/dev/null 2>&1 && ! valgrind -q vips --version >/dev/null 2>&1; then
	skip "valgrind cannot run libvips on this CPU (SIGILL in libhwy, e.g. AVX-512): the example checked without its photos"
	head -n 1 "$OUT/site/data/photos.csv" >"$OUT/photos.csv" && mv "$OUT/photos.csv" "$OUT/site/data/photos.csv"
fi

# memcheck NAME ARGS...: exit status 9 means valgrind found an error.
# gongshi is linked with jemalloc (Makefile): the synonym makes memcheck
# replace jemalloc's malloc as it does the C library's, so that it sees
# every allocation.
memcheck() {
	name=$1
	shift
	valgrind -q --error-exitcode=9 --leak-check=full \
		--errors-for-leak-kinds=definite,indirect \
		--suppressions="$top/tests/fixtures/valgrind-dlopen.supp" \
		--soname-synonyms=somalloc=libjemalloc.so* \
		"$GONGSHI" "$@" >"$OUT/$name.out" 2>"$OUT/$name.err"
	status=$?
	if [ "$status" = 0 ]; then
		ok
	else
		bad "$name: exit $status"
		head -n 40 "$OUT/$name.err"
	fi
}

memcheck check check "$OUT/site"
memcheck build build "$OUT/site" -o "$OUT/public" --jobs 2
finish
