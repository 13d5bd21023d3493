#!/bin/sh
# Regression cases: input + expected output pairs.
#
# Each case is a folder tests/regress/GROUP/NAME/ with
#   args         the gongshi arguments (default: check .), run inside the site
#   base         optional: "example" (default) copies the shipped example site
#                first, "empty" starts from nothing
#   site/        files laid over the base site (same relative paths)
#   remove       optional: paths to delete from the site, one per line
#   env          optional: VAR=value words set for the command (@TOP@ is
#                the repository), e.g. sanitizer options a case needs
#   setup        optional: a sh script run inside the site before the command
#                (small edits: sed -i on one line of the example data); a
#                setup that changes nothing in the site (a sed whose pattern
#                no longer matches) fails the case
#   about        optional: what the case checks, for people (not read)
#   expected     the exact expected stderr
#   stdout       optional: the exact expected stdout
#   status       the expected exit status (default 0)
#
# REGEN=1 rewrites expected/stdout/status from the actual run, for a
# reviewed change of behaviour.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
: "${GONGSHI:=$top/gongshi}"
: "${OUT:=$top/tests/out}"
passed=0
failed=0

# A checksum of the folder DIR: every entry's path, type, mode and link
# target, and every file's bytes.
site_sum() {
	(
		cd "$1" || exit 1
		find . -printf '%p %y %m %l\n' | LC_ALL=C sort
		find . -type f -exec cksum {} + 2>/dev/null | LC_ALL=C sort
	) | cksum
}

for case in "$top"/tests/regress/*/*/; do
	case=${case%/}
	name=${case#"$top"/tests/regress/}
	work="$OUT/regress/$name"
	rm -rf "$work"
	mkdir -p "$work/site"
	base=example
	[ -f "$case/base" ] && base=$(cat "$case/base")
	if [ "$base" = example ]; then
		cp -R "$top/site.yaml" "$top/data" "$top/content" "$work/site/"
	fi
	[ -d "$case/site" ] && cp -R "$case/site/." "$work/site/"
	if [ -f "$case/remove" ]; then
		while IFS= read -r p; do
			[ -n "$p" ] && rm -rf "$work/site/$p"
		done <"$case/remove"
	fi
	if [ -f "$case/setup" ]; then
		before=$(site_sum "$work/site")
		if ! (cd "$work/site" && sh "$case/setup"); then
			echo "FAIL $name: setup script failed"
			failed=$((failed + 1))
			continue
		fi
		if [ "$(site_sum "$work/site")" = "$before" ]; then
			echo "FAIL $name: setup changed nothing in the site (does its pattern still match?)"
			failed=$((failed + 1))
			continue
		fi
	fi
	args="check ."
	[ -f "$case/args" ] && args=$(cat "$case/args")
	want_status=0
	[ -f "$case/status" ] && want_status=$(cat "$case/status")
	envs=
	[ -f "$case/env" ] && envs=$(sed "s|@TOP@|$top|g" "$case/env")
	# shellcheck disable=SC2086
	(cd "$work/site" && env GONGSHI_THEMES="$top/themes" $envs "$GONGSHI" $args) \
		>"$work/stdout" 2>"$work/stderr"
	status=$?
	if [ -n "${REGEN:-}" ]; then
		cp "$work/stderr" "$case/expected"
		[ -f "$case/stdout" ] && cp "$work/stdout" "$case/stdout"
		echo "$status" >"$case/status"
	fi
	ok=1
	if [ "$status" != "$want_status" ]; then
		echo "FAIL $name: exit status $status, want $want_status"
		ok=0
	fi
	if ! diff -u "$case/expected" "$work/stderr" >"$work/diff"; then
		echo "FAIL $name: stderr differs"
		cat "$work/diff"
		ok=0
	fi
	if [ -f "$case/stdout" ] && ! diff -u "$case/stdout" "$work/stdout" >"$work/diff"; then
		echo "FAIL $name: stdout differs"
		cat "$work/diff"
		ok=0
	fi
	if [ "$ok" = 1 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
done
echo "$passed passed, $failed failed"
