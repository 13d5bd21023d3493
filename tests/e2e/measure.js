'use strict';
// What e2e.js measures inside a page, each a page.evaluate run in the
// browser: whether and where the page is wider than the window, body text
// sizes, text zoom, layout shift, a community page's first screen, and
// where the 404 page's links go. They take a playwright Page and return
// plain data; e2e.js counts and reports.

// The page's width against the window's, and when it is wider, what
// sticks out on the right (text first, then elements), to say what to fix.
async function scrollsSideways(page) {
	return page.evaluate(() => {
		const inner = window.innerWidth;
		const scroll = document.documentElement.scrollWidth;
		const wide = [];
		const name = (el) => el.tagName.toLowerCase() +
			(el.id ? '#' + el.id : el.classList.length ? '.' + Array.from(el.classList).join('.') : '');
		// Text clipped to a 1 px box for screen readers sticks out
		// harmlessly.
		const hidden = (el) => {
			for (; el && el !== document.body; el = el.parentElement)
				if (el.getBoundingClientRect().width <= 1)
					return true;
			return false;
		};
		if (scroll > inner) {
			const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
			const range = document.createRange();
			for (let t = walk.nextNode(); t && wide.length < 3; t = walk.nextNode()) {
				if (!t.textContent.trim() || hidden(t.parentElement))
					continue;
				range.selectNodeContents(t);
				const r = range.getBoundingClientRect();
				if (r.width > 1 && r.right > inner + 0.5)
					wide.push(`${name(t.parentElement)} “${t.textContent.replace(/\s+/g, " ").trim().slice(0, 16)}” (right ${Math.round(r.right)})`);
			}
			const els = Array.from(document.body.querySelectorAll('*'))
				.filter((el) => el.getBoundingClientRect().right > inner + 0.5 && !hidden(el));
			const set = new Set(els);
			for (const el of els) {
				if (wide.length >= 3)
					break;
				if (!Array.from(el.children).some((c) => set.has(c)))
					wide.push(`${name(el)} (right ${Math.round(el.getBoundingClientRect().right)})`);
			}
			// Else the innermost boxes whose content is wider than they are.
			const full = Array.from(document.body.querySelectorAll('*'))
				.filter((el) => el.scrollWidth > el.clientWidth + 1 && !hidden(el));
			const fset = new Set(full);
			for (const el of full) {
				if (wide.length >= 3)
					break;
				if (!Array.from(el.children).some((c) => fset.has(c)))
					wide.push(`${name(el)} “${el.textContent.replace(/\s+/g, " ").trim().slice(0, 16)}” (content ${el.scrollWidth} px in ${el.clientWidth} px)`);
			}
		}
		return { scroll, inner, wide };
	});
}

// Text zoom 200 %, as a browser's "zoom text only" does it: every
// element's computed font size doubled (all read first, then all set, so
// em-sized children are not doubled twice); widths are left alone. This
// does not depend on the theme using rem, px or its own A+ control.
async function zoomText(page, factor) {
	await page.evaluate((f) => {
		const els = Array.from(document.querySelectorAll('*'));
		const sizes = els.map((el) => parseFloat(getComputedStyle(el).fontSize));
		els.forEach((el, i) => {
			if (sizes[i] > 0)
				el.style.setProperty('font-size', (sizes[i] * f) + 'px', 'important');
		});
	}, factor);
}

// Body text: the body's own size and that of every visible paragraph in
// the main content. Returns the offenders (at most 3 named).
async function smallText(page, min) {
	return page.evaluate((minPx) => {
		const bad = [];
		const body = parseFloat(getComputedStyle(document.body).fontSize);
		if (body < minPx)
			bad.push(`body ${body}px`);
		const main = document.querySelector('main') || document.body;
		for (const p of main.querySelectorAll('p')) {
			if (!p.textContent.trim() || !p.getClientRects().length)
				continue;
			const s = parseFloat(getComputedStyle(p).fontSize);
			if (s < minPx)
				bad.push(`“${p.textContent.trim().slice(0, 20)}” ${s}px`);
		}
		return bad;
	}, min);
}

// Any visible text on the page, header and footer too, set smaller than
// minPx (labels, tags, dates: a resident reads those as well); one entry
// per text and size. Text in an inline SVG (the progress page's charts)
// is measured as drawn: its font size in the drawing's units times the
// drawing's scale on the screen.
async function tinyText(page, min) {
	return page.evaluate((minPx) => {
		const bad = new Set();
		const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		for (let t = walk.nextNode(); t; t = walk.nextNode()) {
			const el = t.parentElement;
			if (!t.textContent.trim() || !el || !el.getClientRects().length ||
				el.closest('.visually-hidden, script, style, noscript'))
				continue;
			let s = parseFloat(getComputedStyle(el).fontSize);
			if (el.closest('svg') && typeof el.getScreenCTM === 'function') {
				const m = el.getScreenCTM();
				if (m)
					s *= Math.hypot(m.a, m.b);
			}
			if (s < minPx - 0.01)
				bad.add(`“${t.textContent.trim().slice(0, 12)}” ${Math.round(s * 10) / 10}px`);
		}
		return Array.from(bad);
	}, min);
}

// Where the 示例数据 banner's text and the site title begin, in px from
// the left; null without a banner.  On a wide screen the two line up.
async function bannerEdges(page) {
	return page.evaluate(() => {
		const p = document.querySelector('.example-banner p');
		const title = document.querySelector('.site-title');
		if (!p || !title)
			return null;
		const left = (e) => e.getBoundingClientRect().left + parseFloat(getComputedStyle(e).paddingLeft);
		return { banner: left(p), title: left(title) };
	});
}

// The page's cumulative layout shift so far: every 'layout-shift' entry
// since the page began (buffered), but those right after input. Two
// frames first, so that what the load's scripts did is drawn.
async function layoutShift(page) {
	return page.evaluate(() => new Promise((resolve) => {
		requestAnimationFrame(() => requestAnimationFrame(() => {
			let total = 0;
			const moved = [];
			const po = new PerformanceObserver(() => {});
			po.observe({ type: 'layout-shift', buffered: true });
			for (const e of po.takeRecords()) {
				if (e.hadRecentInput)
					continue;
				total += e.value;
				for (const src of e.sources || [])
					if (src.node && src.node.nodeType === 1)
						moved.push(src.node.tagName.toLowerCase() +
							(src.node.className ? '.' + String(src.node.className).split(' ')[0] : ''));
			}
			po.disconnect();
			resolve({ total, moved: Array.from(new Set(moved)).slice(0, 4) });
		}));
	}));
}

// What a community page's first screen (375 x 667) must answer, found by
// what a resident reads: a tap-to-call link, and by when to object (a
// date 2022年5月3日 in a line that speaks of 意见). Returns what is missing.
async function firstScreenMisses(page, height) {
	return page.evaluate((h) => {
		const miss = [];
		const main = document.querySelector('main') || document.body;
		const onFirst = (r) => r.height > 0 && r.top + window.scrollY >= 0 &&
			r.bottom + window.scrollY <= h;
		const tel = Array.from(main.querySelectorAll('a[href^="tel:"]'))
			.some((a) => onFirst(a.getBoundingClientRect()));
		if (!tel)
			miss.push('a tel: link');
		const date = /\d{4}年\d{1,2}月\d{1,2}日/;
		const walk = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
		const range = document.createRange();
		let deadline = false;
		for (let t = walk.nextNode(); t && !deadline; t = walk.nextNode()) {
			const m = date.exec(t.textContent);
			const line = t.parentElement.closest('p, li, div, tr');
			if (!m || !line || !/意见/.test(line.textContent))
				continue;
			range.setStart(t, m.index);
			range.setEnd(t, m.index + m[0].length);
			deadline = onFirst(range.getBoundingClientRect());
		}
		if (!deadline)
			miss.push('the date to object by (a date beside 意见)');
		return miss;
	}, height);
}

// The first link in <main> of the 404 page, resolved, and whether the
// site's stylesheet was applied (the body's font size is the theme's).
async function notFoundLinks(page) {
	return page.evaluate(() => {
		const a = document.querySelector('main a[href]');
		const styled = Array.from(document.styleSheets).some((s) => s.href && /style\.css$/.test(s.href)) &&
			parseFloat(getComputedStyle(document.documentElement).fontSize) !== 16;
		return { href: a ? a.href : '', styled };
	});
}

module.exports = {
	scrollsSideways, zoomText, smallText, tinyText, bannerEdges, layoutShift, firstScreenMisses, notFoundLinks,
};
