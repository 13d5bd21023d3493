#!/bin/sh
# Runs every test against each build directory given (e.g. build build-asan)
# and prints the total as its last line: `N passed, N failed`.
#
#   unit tests     BUILD/tests/test_*          (C programs, tests/unit/)
#   regressions    tests/regress/*/*/          (a site overlay, the command,
#                                               the exact expected output)
#   shell tests    tests/sh/*.sh               (round trips through tools)
#
# Every test program prints its own `N passed, N failed` as its last line.
# A shell test whose header has the line `# run-once` (the browser test,
# which tests pages rather than the program's memory safety) runs for the
# first build directory only.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
LC_ALL=C.UTF-8
TZ=UTC
export LC_ALL TZ
passed=0
failed=0
skipped=0

# Adds up the last "N passed, N failed[, N skipped]" line of a log; a third
# argument, the program's exit status, counts one failure more when it is
# not 0 though the line says nothing failed (a crash or a leak report after
# the count, an assertion that returned early).
tally() {
	line=$(grep -E '^([A-Za-z-]+: )?[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
	if [ -z "$line" ]; then
		echo "FAIL $2: 没有输出测试计数 (no count line; crashed?)"
		sed 's/^/    /' "$1" | tail -n 20
		failed=$((failed + 1))
		return
	fi
	p=$(echo "$line" | sed -E 's/^([A-Za-z-]+: )?([0-9]+) passed.*/\2/')
	f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
	s=$(echo "$line" | sed -nE 's/.* ([0-9]+) skipped.*/\1/p')
	if [ "${3:-0}" != 0 ] && [ "$f" = 0 ]; then
		echo "FAIL $2: 退出状态 $3，但计数行说没有失败 (exit status $3 with 0 failed)"
		sed 's/^/    /' "$1" | tail -n 20
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + ${s:-0}))
	if [ "$f" != 0 ]; then
		grep -v -E '^([A-Za-z-]+: )?[0-9]+ passed' "$1" | sed 's/^/    /' | head -n 60
	fi
	echo "$2: $line"
}

first=$1
for build in "$@"; do
	bin="$top/$build/gongshi"
	out="$top/tests/out/$build"
	rm -rf "$out"
	mkdir -p "$out"
	echo "== $build"
	for t in "$top/$build"/tests/test_*; do
		[ -x "$t" ] || continue
		name=$(basename "$t")
		(cd "$top" && "$t") >"$out/$name.log" 2>&1
		tally "$out/$name.log" "$build/$name" $?
	done
	GONGSHI="$bin" OUT="$out" sh "$top/tests/regress/run.sh" >"$out/regress.log" 2>&1
	tally "$out/regress.log" "$build/regress"
	for t in "$top"/tests/sh/*.sh; do
		[ -f "$t" ] || continue
		name=$(basename "$t" .sh)
		if [ "$build" != "$first" ] && head -n 12 "$t" | grep -qx '# run-once'; then
			continue
		fi
		GONGSHI="$bin" OUT="$out/$name" sh "$t" >"$out/$name.log" 2>&1
		tally "$out/$name.log" "$build/$name"
	done
done

if [ "$skipped" != 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" = 0 ]
