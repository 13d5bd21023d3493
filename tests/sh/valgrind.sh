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
