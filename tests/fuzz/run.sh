#!/bin/sh
# Fuzzing with libFuzzer (clang), see docs/security.md.
#
#   sh tests/fuzz/run.sh [NAME...]           fuzz each harness FUZZ_SECONDS (60)
#   sh tests/fuzz/run.sh --replay [NAME...]  run each harness once over the
#                                            committed corpus and regress/
#
# Fuzzing works on a copy of tests/fuzz/corpus/NAME in build-fuzz/corpus/NAME
# (kept between runs, so the corpus grows there and never in the repository);
# crashes, timeouts, leaks and out-of-memory inputs are written to
# build-fuzz/artifacts/NAME/.  Exit status 1 when any harness found one.
#
# The replay builds with $CC (default cc) and ASan + UBSan, no libFuzzer, into
# build-fuzz/replay/ (REPLAY_B overrides), and ends with `N passed, N failed`,
# one per harness.
#
# Environment: FUZZ_SECONDS, FUZZ_JOBS (harnesses fuzzed at once, default 1),
# FUZZ_MAX_LEN (largest input, bytes; default per harness, see max_len),
# FUZZ_TIMEOUT (replay: seconds per input, default 10), CC (replay),
# FUZZ_NICE (default 10), FUZZ_ARGS (more libFuzzer options), JOBS (make -j).
set -u

cd "$(dirname "$0")/../.." || exit 2
ALL="csv yaml frontmatter mustache layout site"
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_JOBS=${FUZZ_JOBS:-1}
FUZZ_NICE=${FUZZ_NICE:-10}
FUZZ_ARGS=${FUZZ_ARGS:-}
JOBS=${JOBS:-2}
B=build-fuzz

# The libraries the main Makefile links with, read from it so that the two
# never disagree.
PKGS=$(sed -n 's/^PKGS *= *//p' Makefile)
# Those whose headers only are used (libvips, loaded with dlopen).
PKGS_DLOPEN=$(sed -n 's/^PKGS_DLOPEN *= *//p' Makefile)
LIBS_PLAIN=$(sed -n 's/^LIBS_PLAIN *= *//p' Makefile)

mode=fuzz
if [ "${1:-}" = "--replay" ]; then
	mode=replay
	shift
fi
names=${*:-$ALL}
for n in $names; do
	case " $ALL " in
	*" $n "*) ;;
	*) echo "run.sh: no harness “$n” (have: $ALL)" >&2; exit 2 ;;
	esac
done

# A private $TMPDIR for one harness process: fuzz_yaml and fuzz_site write
# their inputs nowhere else.  Each run has its own, so a replay never
# removes the folder of a fuzzer running at the same time.
tmp_for() {
	mkdir -p "$B/tmp" && mktemp -d "$PWD/$B/tmp/$1.XXXXXX"
}

# Largest input per harness.  A time quadratic in the input shows only
# on large inputs (libyaml's anchors took 18 s at 100,000 of them, about
# 1 MiB, and nothing at 64 KiB), so the readers of a whole file may grow
# inputs to 1 MiB, the size limit of site.yaml and a theme's files; libFuzzer
# reports any input that takes longer than -timeout.  The site (split into
# many files) and the layout (slow per byte) stay smaller.  FUZZ_MAX_LEN
# overrides it for every harness.
max_len() {
	if [ -n "${FUZZ_MAX_LEN:-}" ]; then
		echo "$FUZZ_MAX_LEN"
		return
	fi
	case $1 in
	site) echo 65536 ;;
	layout) echo 32768 ;;
	*) echo 1048576 ;;
	esac
}

# The seed files of harness $1, one per line: its committed corpus, and
# for the template engine the shipped theme itself (read from themes/,
# not copied, so the seeds follow the theme).
seeds() {
	for f in tests/fuzz/corpus/"$1"/*; do
		[ -f "$f" ] && echo "$f"
	done
	if [ "$1" = mustache ]; then
		for f in themes/default/templates/*.html themes/default/partials/*.html; do
			[ -f "$f" ] && echo "$f"
		done
	fi
}

if [ "$mode" = replay ]; then
	RB=${REPLAY_B:-$B/replay}
	make --no-print-directory -s -f tests/fuzz/fuzz.mk -j"$JOBS" MODE=replay \
		B="$RB" PKGS="$PKGS" PKGS_DLOPEN="$PKGS_DLOPEN" LIBS_PLAIN="$LIBS_PLAIN" HARNESSES="$names" || exit 2
	pass=0 fail=0
	for n in $names; do
		set --
		for f in $(seeds "$n") tests/fuzz/regress/"$n"-*; do
			[ -f "$f" ] && set -- "$@" "$f"
		done
		log=$RB/replay_$n.log
		t=$(tmp_for "$n") || exit 2
		if TMPDIR=$t "$RB/replay_$n" "$@" >"$log" 2>&1; then
			pass=$((pass + 1))
			echo "ok   $n: $# inputs"
		else
			fail=$((fail + 1))
			echo "FAIL $n: see $log"
			tail -n 30 "$log"
		fi
		rm -rf "$t"
	done
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
	exit $?
fi

command -v clang >/dev/null 2>&1 || {
	echo "run.sh: clang is needed for libFuzzer (Debian: clang, libclang-rt-dev)" >&2
	exit 2
}
make --no-print-directory -s -f tests/fuzz/fuzz.mk -j"$JOBS" MODE=fuzz B="$B" \
	PKGS="$PKGS" PKGS_DLOPEN="$PKGS_DLOPEN" LIBS_PLAIN="$LIBS_PLAIN" HARNESSES="$names" || exit 2

# One harness: fuzz, then print its line of the summary.
fuzz_one() {
	n=$1
	corpus=$B/corpus/$n
	art=$B/artifacts/$n
	log=$B/fuzz_$n.log
	mkdir -p "$corpus" "$art"
	for f in $(seeds "$n"); do
		cp "$f" "$corpus/$(echo "$f" | tr / _)"
	done
	dict=
	[ -f tests/fuzz/dict/"$n".dict ] && dict=-dict=tests/fuzz/dict/$n.dict
	before=$(ls "$art" | wc -l)
	t=$(tmp_for "$n") || return
	start=$(date +%s)
	# shellcheck disable=SC2086
	TMPDIR=$t nice -n "$FUZZ_NICE" "$B/fuzz_$n" $dict \
		-max_total_time="$FUZZ_SECONDS" -max_len="$(max_len "$n")" \
		-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$art/" $FUZZ_ARGS "$corpus" >"$log" 2>&1
	rc=$?
	end=$(date +%s)
	rm -rf "$t"
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	found=$(($(ls "$art" | wc -l) - before))
	status=ok
	if [ "$rc" -ne 0 ] || [ "$found" -gt 0 ]; then
		status="FOUND (exit $rc): $(ls -t "$art" | head -n 1); see $log"
	fi
	printf '%-12s %10s execs %6s s  %s new artifacts  %s\n' "$n" \
		"${execs:-?}" "$((end - start))" "$found" "$status" >"$B/result_$n"
}

rm -f "$B"/result_*
running=0
for n in $names; do
	fuzz_one "$n" &
	running=$((running + 1))
	if [ "$running" -ge "$FUZZ_JOBS" ]; then
		wait
		running=0
	fi
done
wait
bad=0
for n in $names; do
	cat "$B/result_$n"
	grep -q ' ok$' "$B/result_$n" || bad=1
done
exit $bad
