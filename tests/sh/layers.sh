#!/bin/sh
# run-once
# The #include graph of src/ keeps the pipeline's layers (docs/architecture.md,
# "Layers"): every include points to the file's own folder or to a folder below
# it, and there is no cycle, neither between folders nor between modules (a
# module is X.c with its X.h; a header alone is a module too).
#
#   util                      the bottom: includes only util/
#   load        util          bytes to rows and pages (struct config, page, date)
#   template    util          the Mustache engine, knows nothing of gongshi
#   model       load util
#   plan        model load util            (every output of a build)
#   pdf         plan model load util
#   html        plan template model load util
#   write       plan load util             (the writer)
#   cli         everything above
#   main.c      cli util
#
# An include that is not in the table fails as "upward".  The list of known
# exceptions below is empty since issue 17 (the plan stage); an exception
# that is no longer in the code fails too, so that the list stays empty.
#
#   OUT=/tmp/scratch sh tests/sh/layers.sh        (from the repository root)
#   LAYERS_SRC=DIR ...                            checks DIR instead of src/
#
# Prints one line per failure and ends with `N passed, N failed`.
. "$(dirname "$0")/../lib/common.sh"
t_init layers --no-gongshi

src=${LAYERS_SRC:-$top/src}
[ -d "$src" ] || { bad "no source folder $src"; finish; }

# What each folder may include besides itself.
allowed='util:
load: util
template: util
model: load util
plan: model load util
pdf: plan model load util
image: model load util
html: plan template model load util
write: plan load util
cli: write plan html pdf image template model load util
main.c: cli util'

# Known upward or cyclic edges, "FILE HEADER" (FILE relative to src/).
exceptions='
'

# Every include of every file: "FILE HEADER", paths relative to src/.
edges="$OUT/edges"
(
	cd "$src" || exit 1
	for f in main.c */*.c */*.h; do
		[ -f "$f" ] || continue
		sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f" |
			while read -r h; do echo "$f $h"; done
	done
) >"$edges"
if [ -s "$edges" ]; then ok; else bad "no #include found below $src"; finish; fi

# An include without a folder ("foo.h") is resolved from the file's own
# folder by the compiler, which hides the layer it reaches: every include
# names its folder.
bare=$(awk '$2 !~ /\//' "$edges")
if [ -z "$bare" ]; then ok; else bad "include without its folder: $bare"; fi

echo "$exceptions" | grep -v '^#' | grep -v '^$' >"$OUT/exceptions"

# Upward includes, and exceptions no longer in the code.
awk -v allowed="$allowed" '
	function folder(p) { return p ~ /\// ? substr(p, 1, index(p, "/") - 1) : p }
	BEGIN {
		n = split(allowed, lines, "\n")
		for (i = 1; i <= n; i++) {
			split(lines[i], kv, ":")
			m = split(kv[2], to, " ")
			may[kv[1] SUBSEP kv[1]] = 1
			for (j = 1; j <= m; j++) may[kv[1] SUBSEP to[j]] = 1
		}
	}
	FILENAME == ARGV[1] { except[$1 " " $2] = 1; next }
	{
		a = folder($1); b = folder($2)
		if (($1 " " $2) in except) { used[$1 " " $2] = 1; next }
		if ((a SUBSEP b) in may) next
		print "upward include: src/" $1 " (" a "/) includes " $2 " (" b "/)"
	}
	END {
		for (e in except)
			if (!(e in used))
				print "stale exception (no longer in the code; delete it from tests/sh/layers.sh): " e
	}
' "$OUT/exceptions" "$edges" >"$OUT/upward"
if [ -s "$OUT/upward" ]; then
	while read -r line; do bad "$line"; done <"$OUT/upward"
else
	ok
fi

# Cycles: between modules (X.c and X.h are one node) and between folders,
# the known exceptions left out.  Depth-first search; a back edge is a cycle.
cycles() {
	awk '
		function dfs(v,    i, w, k, path) {
			state[v] = 1; stack[++depth] = v
			for (i = 1; i <= nout[v]; i++) {
				w = out[v, i]
				if (state[w] == 1) {
					path = w
					for (k = depth; k >= 1 && stack[k] != w; k--)
						path = stack[k] " -> " path
					print "cycle: " w " -> " path
				} else if (state[w] == 0)
					dfs(w)
			}
			depth--; state[v] = 2
		}
		!(($1 SUBSEP $2) in seen) && $1 != $2 {
			seen[$1, $2] = 1
			if (!($1 in state)) { state[$1] = 0; order[++nv] = $1 }
			if (!($2 in state)) { state[$2] = 0; order[++nv] = $2 }
			out[$1, ++nout[$1]] = $2
		}
		END { for (i = 1; i <= nv; i++) if (state[order[i]] == 0) dfs(order[i]) }
	'
}
grep -v -x -F -f "$OUT/exceptions" "$edges" |
	awk '{ sub(/\.[ch]$/, "", $1); sub(/\.h$/, "", $2); print $1, $2 }' |
	cycles >"$OUT/module-cycles"
awk '{ a = $1; b = $2; sub(/\/.*/, "", a); sub(/\/.*/, "", b); print a, b }' "$edges" |
	cycles >"$OUT/folder-cycles"
for kind in module folder; do
	if [ -s "$OUT/$kind-cycles" ]; then
		while read -r line; do bad "$kind $line"; done <"$OUT/$kind-cycles"
	else
		ok
	fi
done

finish
