#!/bin/sh
# For benchmarks only: makes the binary BIN use the records another
# gongshi binary left with the output OUT (OUT/.gongshi-manifest,
# .gongshi-photos, .gongshi-pages, .gongshi-content, the spare's and
# OUT.folders, OUT.spare.folders), by writing BIN's program hash over
# theirs (same length: no folder changes; each file copied first, so that
# an output made with cp -al leaves the original's records as they were).
# gongshi trusts only records its own binary wrote, so comparing two
# binaries at 55,000 x 10 photos would otherwise need a first build of
# 11-20 minutes for each.  Use it only between binaries whose record
# formats are the same, never on a real site's output: the hash is what
# keeps an older program's files out.
# Usage: adopt.sh OUT BIN
set -eu
out=$1
bin=$2
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
top=$(cd "$(dirname "$0")/../.." && pwd)
"$bin" build --no-pdf -q -o "$scratch/o" "$top" >/dev/null 2>&1
hash=$(head -n 1 "$scratch/o/.gongshi-manifest" | cut -d' ' -f3)
for f in "$out/.gongshi-manifest" "$out/.gongshi-photos" "$out/.gongshi-pages" "$out/.gongshi-content" \
	"$out.spare/.gongshi-manifest" "$out.spare/.gongshi-photos" "$out.spare/.gongshi-pages" "$out.spare/.gongshi-content" \
	"$out.folders" "$out.spare.folders"; do
	[ -f "$f" ] || continue
	old=$(head -n 1 "$f" | grep -o '[0-9a-f]\{32\}' | head -n 1) || continue
	[ -n "$old" ] || continue
	# A copy of its own first: an output copied with cp -al shares its
	# records' inodes with the original, which must keep its hash.
	cp "$f" "$f.adopt" && mv "$f.adopt" "$f"
	# Byte offset of the old hash in the first line, then the new one over it.
	at=$(head -n 1 "$f" | awk -v h="$old" '{ print index($0, h) - 1 }')
	printf '%s' "$hash" | dd of="$f" bs=1 seek="$at" conv=notrunc status=none
done
echo "$hash"
