#!/bin/sh
# run-once
# valgrind memcheck over a whole build of the example site (website and
# every notice, two threads) and over `gongshi check`: no invalid access,
# no use of uninitialised memory, no definite or indirect leak.
set -u
: "${GONGSHI:?}" "${OUT:?}"
top=$(pwd)
passed=0
failed=0
rm -rf "$OUT"
mkdir -p "$OUT/site"
cp -R "$top/site.yaml" "$top/data" "$top/content" "$OUT/site/"
export GONGSHI_THEMES="$top/themes"

if ! command -v valgrind >/dev/null 2>&1; then
	echo "skipped: valgrind not installed"
	echo "0 passed, 0 failed, 1 skipped"
	exit 0
fi

# memcheck NAME ARGS...: exit status 9 means valgrind found an error.
memcheck() {
	name=$1
	shift
	valgrind -q --error-exitcode=9 --leak-check=full \
		--errors-for-leak-kinds=definite,indirect \
		"$GONGSHI" "$@" >"$OUT/$name.out" 2>"$OUT/$name.err"
	status=$?
	if [ "$status" = 0 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL valgrind $name: exit $status"
		head -n 40 "$OUT/$name.err"
	fi
}

memcheck check check "$OUT/site"
memcheck build build "$OUT/site" -o "$OUT/public" --jobs 2
echo "$passed passed, $failed failed"
