/* Client-side search over the index the build splits into chunks:
 * search-index.js (the manifest), search-index/t/K.js (the postings of
 * the tokens whose hash falls in bucket K) and search-index/d/K.js (the
 * titles and addresses of 32 documents).  A search loads only the
 * chunks its tokens and its first results need, so it stays small on a
 * site of tens of thousands of communities.  Chunks are scripts calling
 * GONGSHI_SEARCH_CHUNK, not JSON, so that they also load from file://,
 * where fetch() fails.
 *
 * Chinese has no spaces between words, so text is indexed by overlapping
 * pairs of Han characters; a query matches the pages that hold every pair
 * of the query.  tokenize() and bucket() must match the C tokenizer
 * (src/html/search_tokens.h) and search_bucket(): both are held to
 * tests/fixtures/search-tokens.tsv. */
(function () {
	'use strict';
	var data = window.GONGSHI_SEARCH;
	var form = document.querySelector('[data-search]');
	if (!form || !data || data.version !== 2)
		return;
	var input = form.elements.q;
	var statusEl = document.querySelector('[data-search-status]');
	var list = document.querySelector('[data-search-results]');
	var root = form.getAttribute('data-root') || '';
	var PER_PAGE = 20;
	var chunks = {};   /* name -> data, once loaded */
	var waiting = {};  /* name -> callbacks while loading */
	var current = 0;   /* the latest search; older answers are dropped */

	window.GONGSHI_SEARCH_CHUNK = function (name, value) {
		chunks[name] = value;
		var cbs = waiting[name] || [];
		delete waiting[name];
		cbs.forEach(function (cb) { cb(); });
	};

	function load(name, cb) {
		if (chunks.hasOwnProperty(name)) { cb(); return; }
		if (waiting[name]) { waiting[name].push(cb); return; }
		waiting[name] = [cb];
		var s = document.createElement('script');
		s.src = root + data.base + name + '.js';
		s.onerror = function () { window.GONGSHI_SEARCH_CHUNK(name, null); };
		document.head.appendChild(s);
	}

	function loadAll(names, cb) {
		var left = names.length;
		if (!left) { cb(); return; }
		names.forEach(function (n) { load(n, function () { if (--left === 0) cb(); }); });
	}

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

	/* FNV-1a over the token's UTF-8 bytes, as search_bucket(). */
	function bucket(tok) {
		var bytes = unescape(encodeURIComponent(tok));
		var h = 0x811C9DC5;
		for (var i = 0; i < bytes.length; i++) {
			h ^= bytes.charCodeAt(i);
			h = Math.imul(h, 16777619) >>> 0;
		}
		return h % data.buckets;
	}

	/* A posting list: gaps, or a base64 bitmap (see search.h). */
	function decode(p) {
		var ids = [], i, at = 0;
		if (typeof p !== 'string') {
			for (i = 0; i < p.length; i++) { at += p[i]; ids.push(at); }
			return ids;
		}
		var bits = atob(p);
		for (i = 0; i < bits.length; i++) {
			var b = bits.charCodeAt(i);
			for (var k = 0; k < 8; k++)
				if (b & (1 << k)) ids.push(i * 8 + k);
		}
		return ids;
	}

	function toSet(ids) {
		var set = {};
		ids.forEach(function (id) { set[id] = true; });
		return set;
	}

	function intersect(a, b) {
		if (a === null) return b;
		var out = {};
		Object.keys(a).forEach(function (id) { if (b[id]) out[id] = true; });
		return out;
	}

	/* Version 2: the ids holding every token, title matches first. */
	function searchSplit(toks, cb) {
		var names = {};
		toks.forEach(function (tok) { names['t/' + bucket(tok.t)] = true; });
		loadAll(Object.keys(names), function () {
			var all = null, title = null;
			toks.forEach(function (tok) {
				var c = chunks['t/' + bucket(tok.t)];
				var e = c && c.hasOwnProperty(tok.t) ? c[tok.t] : [[], []];
				all = intersect(all, toSet(decode(e[0])));
				title = intersect(title, toSet(decode(e[1])));
			});
			var ids = Object.keys(all).map(Number).sort(function (a, b) {
				return (title[a] ? 0 : 1) - (title[b] ? 0 : 1) || a - b;
			});
			cb(ids);
		});
	}

	function doc(id) {
		var c = chunks['d/' + Math.floor(id / data.doc_chunk)];
		return c ? c[id % data.doc_chunk] : null;
	}

	function clear() {
		while (list.firstChild)
			list.removeChild(list.firstChild);
		var more = document.querySelector('[data-search-more]');
		if (more)
			more.parentNode.removeChild(more);
	}

	function item(d) {
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
		return li;
	}

	/* Shows results from..from+PER_PAGE, loading their documents first,
	 * then offers the next ones behind a button. */
	function showFrom(ids, from, run) {
		var page = ids.slice(from, from + PER_PAGE);
		var names = {};
		page.forEach(function (id) { names['d/' + Math.floor(id / data.doc_chunk)] = true; });
		loadAll(Object.keys(names), function () {
			if (run !== current)
				return;
			page.forEach(function (id) {
				var d = doc(id);
				if (d)
					list.appendChild(item(d));
			});
			if (from + PER_PAGE < ids.length) {
				var b = document.createElement('button');
				b.type = 'button';
				b.className = 'search-more';
				b.setAttribute('data-search-more', '');
				b.textContent = '显示更多结果（还有 ' + (ids.length - from - PER_PAGE) + ' 条）';
				b.addEventListener('click', function () {
					b.parentNode.removeChild(b);
					showFrom(ids, from + PER_PAGE, run);
				});
				list.parentNode.insertBefore(b, list.nextSibling);
			}
		});
	}

	function show(q) {
		var run = ++current;
		clear();
		var toks = tokenize(q);
		if (!q.trim() || !toks.length) {
			statusEl.textContent = q.trim() ? '没有找到与“' + q + '”相关的内容，请换个词试试。' : '';
			return;
		}
		statusEl.textContent = '正在搜索…';
		searchSplit(toks, function (ids) {
			if (run !== current)
				return;
			statusEl.textContent = ids.length ? '找到 ' + ids.length + ' 条结果' : '没有找到与“' + q + '”相关的内容，请换个词试试。';
			showFrom(ids, 0, run);
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
