# tests/lib/common.sh: the preamble every shell test in tests/sh/ shares.
# Sourced, never run (it lives outside tests/sh/ so tests/run.sh does not
# take it for a test).  A test begins, after its header comment:
#
#	. "$(dirname "$0")/../lib/common.sh"
#	t_init NAME
#
# The path is the test's own, so a test runs from any folder; $top, the
# repository root, is found from it too.
#
# t_init NAME [--no-gongshi] [--keep-out]
#	GONGSHI (unless --no-gongshi) and OUT must be set, or the test stops
#	with status 2; LC_ALL=C.UTF-8, exported; top=the repository root;
#	passed, failed and skipped start at 0; OUT is emptied (unless
#	--keep-out), made if missing and made absolute.  `set -u` is on.
# ok			counts a pass.
# bad MESSAGE...	counts a failure and prints `FAIL NAME: MESSAGE`.
# skip MESSAGE...	counts a skip and prints `skipped: MESSAGE`.
# check WHAT COMMAND...	runs COMMAND with its output thrown away: ok when
#			it succeeds, else bad WHAT.
# expect_status STATUS WHAT COMMAND...
#			runs COMMAND, its stdout in $OUT/stdout and stderr in
#			$OUT/stderr: ok when it exits with STATUS, else bad
#			"WHAT: exit GOT, want STATUS" and its stderr shown.
# finish		prints `N passed, N failed` (`, N skipped` added when
#			something was skipped), the line tests/run.sh adds up,
#			and exits: 0 when nothing failed, 1 otherwise.
# copy_example_site DIR [NAME...]
#			makes DIR and copies the example site into it:
#			site.yaml, data/, content/ and each NAME (e.g. themes)
#			of the repository root.
# one_community_site DIR
#			makes DIR afresh: the example site cut down to one
#			community (八一小区), with no news and no targets, for
#			tests that grow one input to its limit.
# repo_themes		exports GONGSHI_THEMES=$top/themes, for a site that
#			has no themes/ of its own.
# private_themes	copies themes/ to $OUT/themes and exports that as
#			GONGSHI_THEMES, so that a theme being edited meanwhile
#			cannot make two builds of one run differ.
#
# The library's own variables begin with t_; a test may use any other name.
set -u

t_init() {
	t_name=$1
	shift
	t_need_gongshi=1
	t_keep_out=
	for t_opt in "$@"; do
		case $t_opt in
		--no-gongshi) t_need_gongshi= ;;
		--keep-out) t_keep_out=1 ;;
		*) echo "t_init: unknown option “$t_opt”" >&2; exit 2 ;;
		esac
	done
	[ -z "$t_need_gongshi" ] || : "${GONGSHI:?set GONGSHI to the gongshi binary}"
	: "${OUT:?set OUT to a scratch folder}"
	LC_ALL=C.UTF-8
	export LC_ALL
	top=$(cd "$(dirname "$0")/../.." && pwd) || exit 2
	passed=0
	failed=0
	skipped=0
	[ -n "$t_keep_out" ] || rm -rf "$OUT"
	mkdir -p "$OUT" || exit 2
	OUT=$(cd "$OUT" && pwd) || exit 2
}

ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL $t_name: $*"; }
skip() { skipped=$((skipped + 1)); echo "skipped: $*"; }

# tracing_or_skip WHAT: tracing=1 when strace can follow $GONGSHI here
# (installed, ptrace allowed, and not the ASan build, which strace cannot
# run); else tracing=0 and a skip saying that WHAT.
tracing_or_skip() {
	if command -v strace >/dev/null 2>&1 && strace -f -o /dev/null "$GONGSHI" --version >/dev/null 2>&1; then
		tracing=1
	else
		tracing=0
		skip "strace missing, not allowed here or not for this build (ASan): $1"
	fi
}

# serve_start CMD ARG...: starts `CMD ARG... --port P` in the background on
# a random port P (another is tried, five times, while the port is taken),
# its output in $OUT/serve.out and serve.err, and waits up to two minutes
# for its address line.  Sets $pid and $port; $pid is empty when it did
# not start.
random_port() { echo $((20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000)); }
serve_start() {
	for try in 1 2 3 4 5; do
		port=$(random_port)
		"$@" --port "$port" >"$OUT/serve.out" 2>"$OUT/serve.err" &
		pid=$!
		n=600
		while [ "$n" -gt 0 ] && kill -0 "$pid" 2>/dev/null &&
			! grep -q '^预览地址：' "$OUT/serve.out"; do
			sleep 0.2
			n=$((n - 1))
		done
		grep -q '^预览地址：' "$OUT/serve.out" && return 0
		wait "$pid" 2>/dev/null
		pid=
		grep -q "端口 $port 已被占用" "$OUT/serve.err" || return 1
	done
	return 1
}

# lacks WHAT FILE PATTERN: passes when FILE exists and no line of it
# matches PATTERN (a basic regular expression).  A bare `! grep -q` passes
# on a file that was never written, testing nothing.
lacks() {
	if [ ! -f "$2" ]; then
		bad "$1: $2 is missing"
	elif grep -q -e "$3" "$2"; then
		bad "$1: $(grep -m 3 -e "$3" "$2")"
	else
		ok
	fi
}

check() {
	t_what=$1
	shift
	if "$@" >/dev/null 2>&1; then ok; else bad "$t_what"; fi
}

expect_status() {
	t_want=$1
	t_what=$2
	shift 2
	"$@" >"$OUT/stdout" 2>"$OUT/stderr"
	t_got=$?
	if [ "$t_got" = "$t_want" ]; then ok; else bad "$t_what: exit $t_got, want $t_want"; cat "$OUT/stderr"; fi
}

finish() {
	if [ "$skipped" != 0 ]; then
		echo "$passed passed, $failed failed, $skipped skipped"
	else
		echo "$passed passed, $failed failed"
	fi
	[ "$failed" = 0 ] && exit 0
	exit 1
}

copy_example_site() {
	t_dir=$1
	shift
	mkdir -p "$t_dir" || return
	for t_f in site.yaml data content "$@"; do
		cp -R "$top/$t_f" "$t_dir/" || return
	done
}

one_community_site() {
	rm -rf "$1"
	mkdir -p "$1" || return
	cp -R "$top/data" "$top/content" "$1/" || return
	sed '/^targets:/,/^[^ ]/{/^targets:/d;/^  /d}' "$top/site.yaml" >"$1/site.yaml"
	for t in communities progress funding notices consent opinions photos; do
		awk -F, 'NR == 1 || $1 == "bayi-xiaoqu"' "$top/data/$t.csv" >"$1/data/$t.csv" || return
	done
	rm -rf "$1/content/news" "$1/content/communities/yushu-xincun.md"
}

repo_themes() {
	GONGSHI_THEMES=$top/themes
	export GONGSHI_THEMES
}

private_themes() {
	cp -R "$top/themes" "$OUT/themes"
	GONGSHI_THEMES=$OUT/themes
	export GONGSHI_THEMES
}
