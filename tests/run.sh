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
#
# Each test's log is kept in tests/out/BUILD/NAME.log; the scratch folder
# of a test that passed is deleted at once (a run would otherwise leave
# hundreds of MB of example sites), a failing test's is kept to look at.
# At the end: every skip with its reason, the elapsed time (from
# GONGSHI_CHECK_START, seconds since the epoch, when `make check` set it,
# so that its set-up and compiling count too), and the total line, last.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
LC_ALL=C.UTF-8
TZ=UTC
export LC_ALL TZ
start=${GONGSHI_CHECK_START:-$(date +%s)}
passed=0
failed=0
skipped=0
skips=$top/tests/out/skipped
mkdir -p "$top/tests/out"
: >"$skips"

# Adds up the last "N passed, N failed[, N skipped]" line of a log, notes
# its skips and their reasons, deletes the scratch folder $3 (when given)
# if the test passed, and prints the line with the time since $t0, so a
# newcomer sees the run move and where its minutes go.
tally() {
	line=$(grep -E '^([A-Za-z-]+: )?[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
	if [ -z "$line" ]; then
		echo "FAIL $2: 没有输出测试计数 (no count line; crashed?)"
		sed 's/^/    /' "$1" | tail -n 20
		failed=$((failed + 1))
		return
	fi
	grep '^skipped: ' "$1" | sed "s|^skipped: |  $2: |" >>"$skips"
	p=$(echo "$line" | sed -E 's/^([A-Za-z-]+: )?([0-9]+) passed.*/\2/')
	f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
	s=$(echo "$line" | sed -nE 's/.* ([0-9]+) skipped.*/\1/p')
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + ${s:-0}))
	if [ "$f" != 0 ]; then
		grep -v -E '^([A-Za-z-]+: )?[0-9]+ passed' "$1" | sed 's/^/    /' | head -n 60
	elif [ -n "${3:-}" ]; then
		rm -rf "$3"
	fi
	echo "$2: $line ($(($(date +%s) - t0)) s)"
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
		t0=$(date +%s)
		(cd "$top" && "$t") >"$out/$name.log" 2>&1
		tally "$out/$name.log" "$build/$name"
	done
	t0=$(date +%s)
	GONGSHI="$bin" OUT="$out" sh "$top/tests/regress/run.sh" >"$out/regress.log" 2>&1
	tally "$out/regress.log" "$build/regress" "$out/regress"
	for t in "$top"/tests/sh/*.sh; do
		[ -f "$t" ] || continue
		name=$(basename "$t" .sh)
		if [ "$build" != "$first" ] && head -n 12 "$t" | grep -qx '# run-once'; then
			continue
		fi
		t0=$(date +%s)
		GONGSHI="$bin" OUT="$out/$name" sh "$t" >"$out/$name.log" 2>&1
		tally "$out/$name.log" "$build/$name" "$out/$name"
	done
done

if [ -s "$skips" ]; then
	echo "跳过的测试 (skipped, and why):"
	cat "$skips"
fi
elapsed=$(($(date +%s) - start))
echo "用时 (elapsed): $((elapsed / 60)) min $((elapsed % 60)) s"

if [ "$skipped" != 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" = 0 ]
