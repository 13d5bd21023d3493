#!/bin/sh
# Runs every test against each build directory given (e.g. build build-asan;
# the first in the foreground, the others at the same time, see below)
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

# Adds up the last "N passed, N failed[, N skipped]" line of a log, notes
# its skips and their reasons, deletes the scratch folder $3 (when given)
# if the test passed, and prints the line with the time since $t0, so a
# newcomer sees the run move and where its minutes go.  $4, when given,
# is the program's exit status: not 0 counts one failure more even when the
# line says nothing failed (a crash or a leak report after the count, a
# check that returned early).
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
	if [ "${4:-0}" != 0 ] && [ "$f" = 0 ]; then
		echo "FAIL $2: 退出状态 $4，但计数行说没有失败 (exit status $4 with 0 failed)"
		f=1
	fi
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

# Runs every test against the build directory $1 (the run-once tests only
# when it is $first), printing one line per test; leaves its totals in
# tests/out/BUILD/counts and its skips in tests/out/BUILD/skipped.
run_build() {
	build=$1
	bin="$top/$build/gongshi"
	out="$top/tests/out/$build"
	rm -rf "$out"
	mkdir -p "$out"
	skips=$out/skipped
	: >"$skips"
	passed=0
	failed=0
	skipped=0
	echo "== $build"
	for t in "$top/$build"/tests/test_*; do
		[ -x "$t" ] || continue
		name=$(basename "$t")
		t0=$(date +%s)
		(cd "$top" && "$t") >"$out/$name.log" 2>&1
		tally "$out/$name.log" "$build/$name" "" $?
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
	echo "$passed $failed $skipped" >"$out/counts"
}

# `run.sh --part FIRST BUILD`: one build directory, run by the main
# invocation below in the background.
if [ "${1:-}" = --part ]; then
	first=$2
	run_build "$3"
	exit 0
fi

# The first build directory runs here, its lines printed as they come;
# the others at the same time, each in its own session (so that an
# interrupt can stop all of it), their lines printed when the first is
# done.  Two halves at once finish in little more than the time of the
# longer one on two idle cores, and take two shares of a busy machine
# instead of one.  TESTS_SERIAL=1 (or a single core) runs them one after
# the other.
first=$1
shift
builds="$first $*"
parts=
trap 'for p in $parts; do kill -TERM -"$p" 2>/dev/null; done; exit 130' INT TERM HUP
serial=${TESTS_SERIAL:-}
[ "$(nproc 2>/dev/null || echo 1)" -ge 2 ] && command -v setsid >/dev/null 2>&1 || serial=1
if [ -z "$serial" ]; then
	for build in "$@"; do
		mkdir -p "$top/tests/out"
		setsid sh "$0" --part "$first" "$build" >"$top/tests/out/$build.console" 2>&1 &
		parts="$parts $!"
	done
fi
run_build "$first"
for build in "$@"; do
	if [ -z "$serial" ]; then
		wait
		cat "$top/tests/out/$build.console"
	else
		run_build "$build"
	fi
done
parts=

passed=0
failed=0
skipped=0
for build in $builds; do
	# shellcheck disable=SC2046
	if [ -f "$top/tests/out/$build/counts" ]; then
		set -- $(cat "$top/tests/out/$build/counts")
		passed=$((passed + $1))
		failed=$((failed + $2))
		skipped=$((skipped + $3))
	else
		echo "FAIL $build: 没有跑完 (the run of this build did not finish)"
		failed=$((failed + 1))
	fi
done

for build in $builds; do
	[ -s "$top/tests/out/$build/skipped" ] || continue
	[ -n "${said:-}" ] || echo "跳过的测试 (skipped, and why):"
	said=1
	cat "$top/tests/out/$build/skipped"
done
elapsed=$(($(date +%s) - start))
echo "用时 (elapsed): $((elapsed / 60)) min $((elapsed % 60)) s"

if [ "$skipped" != 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" = 0 ]
