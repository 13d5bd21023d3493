/* Client-side search over search-index.js (the same data as
 * search-index.json, loaded as a script so it also works from file://).
 *
 * Chinese has no spaces between words, so text is indexed by overlapping
 * pairs of Han characters; a query matches the pages that hold every pair
 * of the query.  tokenize() must match search_tokens() in
 * src/html/search.c. */
(function () {
	'use strict';
	var data = window.GONGSHI_SEARCH;
	var form = document.querySelector('[data-search]');
	if (!form || !data)
		return;
	var input = form.elements.q;
	var statusEl = document.querySelector('[data-search-status]');
	var list = document.querySelector('[data-search-results]');
	var root = form.getAttribute('data-root') || '';
	var keys = Object.keys(data.index);

	function isHan(cp) {
		return (cp >= 0x3040 && cp <= 0x30FF) || cp === 0x3007 ||
			(cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
			(cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF);
	}

	function wordChar(cp) {
		if (cp >= 0xFF10 && cp <= 0xFF19) cp -= 0xFF10 - 48;
		else if (cp >= 0xFF21 && cp <= 0xFF3A) cp -= 0xFF21 - 65;
		else if (cp >= 0xFF41 && cp <= 0xFF5A) cp -= 0xFF41 - 97;
		if (cp >= 65 && cp <= 90) return String.fromCharCode(cp + 32);
		if ((cp >= 97 && cp <= 122) || (cp >= 48 && cp <= 57)) return String.fromCharCode(cp);
		return '';
	}

	/* Each token is {t: text, lone: true for a single Han character}. */
	function tokenize(s) {
		var out = [], prev = '', paired = false, word = '';
		var chars = Array.from(s);
		chars.push(' ');
		chars.forEach(function (ch) {
			var cp = ch.codePointAt(0);
			var han = isHan(cp);
			var w = wordChar(cp);
			if (!han && prev) {
				if (!paired) out.push({ t: prev, lone: true });
				prev = '';
			}
			if (han) {
				if (prev) { out.push({ t: prev + ch }); paired = true; }
				else paired = false;
				prev = ch;
			}
			if (w) word += w;
			else if (word) { out.push({ t: word, word: true }); word = ''; }
		});
		return out;
	}

	/* The pages holding a token: a lone character or a word may be the
	 * start of a longer indexed token, so those look through the keys. */
	function postings(tok) {
		var set = {};
		function add(ids) { ids.forEach(function (id) { set[id] = true; }); }
		if (data.index[tok.t])
			add(data.index[tok.t]);
		if (tok.lone || tok.word) {
			keys.forEach(function (k) {
				if (k !== tok.t && (tok.word ? k.indexOf(tok.t) === 0 : k.indexOf(tok.t) >= 0))
					add(data.index[k]);
			});
		}
		return set;
	}

	function search(q) {
		var toks = tokenize(q);
		if (!toks.length)
			return [];
		var hits = null;
		toks.forEach(function (tok) {
			var p = postings(tok);
			if (hits === null) { hits = p; return; }
			Object.keys(hits).forEach(function (id) { if (!p[id]) delete hits[id]; });
		});
		var squeezed = q.replace(/\s+/g, '').toLowerCase();
		return Object.keys(hits).map(Number).sort(function (a, b) {
			var ta = data.docs[a].t.toLowerCase().indexOf(squeezed) >= 0 ? 0 : 1;
			var tb = data.docs[b].t.toLowerCase().indexOf(squeezed) >= 0 ? 0 : 1;
			return ta - tb || a - b;
		});
	}

	function show(q) {
		while (list.firstChild)
			list.removeChild(list.firstChild);
		if (!q.trim()) {
			statusEl.textContent = '';
			return;
		}
		var ids = search(q);
		statusEl.textContent = ids.length ? '找到 ' + ids.length + ' 条结果' : '没有找到与“' + q + '”相关的内容，请换个词试试。';
		ids.slice(0, 100).forEach(function (id) {
			var d = data.docs[id];
			var li = document.createElement('li');
			var a = document.createElement('a');
			a.href = root + d.u;
			a.textContent = d.t;
			li.appendChild(a);
			var k = document.createElement('span');
			k.className = 'kind';
			k.textContent = d.k;
			li.appendChild(k);
			if (d.s) {
				var p = document.createElement('p');
				p.textContent = d.s;
				li.appendChild(p);
			}
			list.appendChild(li);
		});
	}

	function fromUrl() {
		var m = /[?&]q=([^&]*)/.exec(window.location.search);
		if (!m)
			return '';
		try {
			return decodeURIComponent(m[1].replace(/\+/g, ' '));
		} catch (e) {
			return '';
		}
	}

	form.addEventListener('submit', function (e) {
		e.preventDefault();
		show(input.value);
		try {
			window.history.replaceState(null, '', '?q=' + encodeURIComponent(input.value));
		} catch (err) {
			/* some file:// pages refuse; the results show anyway */
		}
	});
	var initial = fromUrl();
	if (initial) {
		input.value = initial;
		show(initial);
	}
}());
