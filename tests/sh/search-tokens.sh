#!/bin/sh
# run-once
# The search page's tokenizer (tokenize() in themes/default/assets/
# search.js) cuts every text of tests/fixtures/search-tokens.tsv into the
# tokens the fixture lists: the same file test_html_search holds the C
# tokenizer to, so a query is cut as the index was.  The function is
# taken from search.js as the site ships it (the file is not changed for
# the test) and run in node; without node, one skip.
#
#   OUT=scratch_dir sh tests/sh/search-tokens.sh
. "$(dirname "$0")/../lib/common.sh"
t_init search-tokens --no-gongshi

if ! command -v node >/dev/null 2>&1; then
	skip "search.js tokenizer against tests/fixtures/search-tokens.tsv, missing: node"
	finish
fi

cat >"$OUT/tokens.js" <<'JS'
'use strict';
const fs = require('fs');
const [js, tsv] = process.argv.slice(2);
const src = fs.readFileSync(js, 'utf8');
// From isHan() to the end of tokenize(): the functions the query goes through.
const from = src.indexOf('\tfunction isHan(');
const end = src.indexOf('\t\treturn out;\n\t}\n', from);
if (from < 0 || end < 0) {
	console.log('FAIL search-tokens: isHan() … tokenize() not found in ' + js);
	console.log('0 passed, 1 failed');
	process.exit(1);
}
const tokenize = new Function(src.slice(from, end + '\t\treturn out;\n\t}\n'.length) +
	'\nreturn tokenize;')();

// \xHH is a byte, \n \t \\ as in C; the bytes are read as UTF-8, a bad
// byte becoming U+FFFD as in a browser.
function unescape(s) {
	const bytes = [];
	const raw = Buffer.from(s, 'utf8');
	for (let i = 0; i < raw.length; i++) {
		if (raw[i] !== 0x5C) { bytes.push(raw[i]); continue; }
		const c = String.fromCharCode(raw[++i]);
		if (c === 'x') { bytes.push(parseInt(raw.slice(i + 1, i + 3).toString(), 16)); i += 2; }
		else bytes.push(c === 'n' ? 10 : c === 't' ? 9 : raw[i]);
	}
	return Buffer.from(bytes).toString('utf8');
}

let passed = 0, failed = 0;
fs.readFileSync(tsv, 'utf8').split('\n').forEach((line, i) => {
	if (line === '' || line[0] === '#')
		return;
	const tab = line.indexOf('\t');
	const want = line.slice(tab + 1);
	const got = tokenize(unescape(line.slice(0, tab))).map((t) => t.t).join(' ');
	if (tab >= 0 && got === want) { passed++; return; }
	failed++;
	console.log('FAIL search-tokens: ' + tsv + ':' + (i + 1) + ': got [' + got + '], want [' + want + ']');
});
if (passed === 0) { console.log('FAIL search-tokens: no case in ' + tsv); failed++; }
console.log(passed + ' passed, ' + failed + ' failed');
process.exit(failed ? 1 : 0);
JS

node "$OUT/tokens.js" "$top/themes/default/assets/search.js" \
	"$top/tests/fixtures/search-tokens.tsv" >"$OUT/node.log" 2>&1
grep '^FAIL' "$OUT/node.log"
# Each case counts: the node program's own last line, added up.
counts=$(sed -nE '$s/^([0-9]+) passed, ([0-9]+) failed$/\1 \2/p' "$OUT/node.log")
if [ -z "$counts" ]; then
	cat "$OUT/node.log"
	bad "node did not run the cases"
else
	passed=$((passed + ${counts% *}))
	failed=$((failed + ${counts#* }))
fi
finish
