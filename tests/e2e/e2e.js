'use strict';
// The end-to-end browser test of the website, run by tests/sh/e2e.sh.
//
// Debian's Chromium (driven by playwright-core, never a downloaded browser)
// opens every page of a built site served by a real nginx on loopback
// under a sub-path, and checks what a resident meets: the page loads,
// axe-core finds no WCAG 2.1 A/AA violation, nothing scrolls sideways on a
// phone, a desktop or a 320 px phone with text at 200 %, body text is at
// least 18 px on a phone, the A+/A− control works and is remembered, the
// community filter filters, and nothing loads from another host.
//
// Environment:
//   E2E_BASE   URL of the site's root, ending in "/" (http://127.0.0.1:P/laojiu/)
//   E2E_ROOT   the folder that URL serves (the build output)
//   E2E_AXE_URL  where the same server serves axe.min.js (optional)
//   CHROMIUM   browser binary (default /usr/bin/chromium)
//   E2E_EXPECT pages that must be there, each with what it must show:
//              space-separated "path|CSS selector" words (tests/sh/e2e.sh
//              names the example's progress/, results/, a result page,
//              a gallery and a 再公示's rounds); a page missing, or showing
//              nothing that matches, fails
//   SCREENSHOTS=1  also write full-page PNGs to E2E_SHOTS (default
//              docs/screenshots/ of the repository) of the home page and
//              the community E2E_SHOT_COMMUNITY (an id; default the first)
//
// Prints one line per failure and, last, "N passed, N failed".
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');
const axeSource = require('axe-core').source;
const { scrollsSideways, zoomText, smallText, tinyText, bannerEdges, layoutShift, firstScreenMisses,
	notFoundLinks } = require('./measure.js');

const BASE = process.env.E2E_BASE;
const ROOT = process.env.E2E_ROOT;
const AXE_URL = process.env.E2E_AXE_URL;
const BROWSER = process.env.CHROMIUM || '/usr/bin/chromium';
const SHOTS = process.env.SCREENSHOTS === '1';
const SHOTS_DIR = process.env.E2E_SHOTS ||
	path.join(__dirname, '..', '..', 'docs', 'screenshots');
// A run takes 150-160 s for the example site's 151 pages on a busy
// two-core machine; a hung browser must not hang `make check` for ever.
const DEADLINE_MS = Number(process.env.E2E_DEADLINE_MS || 420000);
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const PHONE = 375;
const DESKTOP = 1280;
const NARROW = 320;
const MIN_BODY_PX = 18;
// Nothing readable smaller, not even a tag or a date.
const MIN_ANY_PX = 16;
const MISSING = 'no-such-page.html';
// A missing address deeper down, where relative links would miss.
const MISSING_DEEP = 'no/such/page/';
// A phone's first screen (iPhone SE/8: 375 x 667 CSS px).
const FIRST_SCREEN = 667;
// Requests under the site that failed (status >= 400), for one check.
const broken = new Set();

let passed = 0;
let failed = 0;

// Counts one check; a failure is printed, or kept in `out` (an array of
// lines) to be printed later in a fixed order.
function check(ok, what, detail, out) {
	if (ok) {
		passed++;
		return true;
	}
	failed++;
	say(out, `FAIL ${what}${detail ? ': ' + detail : ''}`);
	return false;
}

function say(out, line) {
	if (out)
		out.push(line);
	else
		console.log(line);
}

// Every page of the output: each index.html as its folder's URL (the
// address a server shows), plus 404.html. Sorted, so runs compare.
function walkPages(root) {
	const pages = [];
	function walk(rel) {
		const dir = path.join(root, rel);
		for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
			const r = rel ? rel + '/' + e.name : e.name;
			if (e.isDirectory())
				walk(r);
			else if (e.name === 'index.html')
				pages.push(rel ? rel + '/' : '');
		}
	}
	walk('');
	if (fs.existsSync(path.join(root, '404.html')))
		pages.push('404.html');
	return pages.sort();
}

// URL path segments are percent-encoded the way a browser would.
function pageUrl(rel) {
	return BASE + rel.split('/').map(encodeURIComponent).join('/');
}

function isLoopback(u) {
	try {
		const h = new URL(u).hostname;
		return h === '127.0.0.1' || h === 'localhost' || h === '[::1]';
	} catch (e) {
		return false;
	}
}

// Every request is watched: the site must load nothing from another
// host. Chromium is also told that no other host name resolves (see
// main), so such a request fails fast instead of waiting for a network.
// (Intercepting every request through page.route would cost a DevTools
// round trip each.)
async function newContext(browser, width, offHost, opts) {
	const ctx = await browser.newContext(Object.assign({
		viewport: { width, height: 800 },
		locale: 'zh-CN',
		serviceWorkers: 'block',
	}, opts || {}));
	ctx.on('request', (req) => {
		const u = req.url();
		if (!u.startsWith('data:') && !u.startsWith('blob:') && !isLoopback(u))
			offHost.add(u);
	});
	// Stylesheets, scripts, images and the search index the pages ask for
	// must exist (the browser's own /favicon.ico is outside the site).
	ctx.on('response', (resp) => {
		const u = resp.url();
		if (resp.status() < 400 || !u.startsWith(BASE) || u === BASE + MISSING ||
			u === BASE + MISSING_DEEP)
			return;
		let from = '';
		try {
			from = ', from ' + resp.request().frame().url().replace(BASE, '/');
		} catch (e) {
			// not from a page (a worker): said without it
		}
		broken.add(`${u.replace(BASE, '/')} (${resp.status()}${from})`);
	});
	return ctx;
}

function overflowCheck(m, what, out) {
	return check(m.scroll <= m.inner, what,
		`scrollWidth ${m.scroll} > innerWidth ${m.inner}` +
		(m.wide.length ? '; sticking out: ' + m.wide.join(', ') : ''), out);
}

function layoutShiftCheck(cls, what, out) {
	return check(cls.total === 0, what,
		`CLS ${cls.total.toFixed(4)}${cls.moved.length ? ', moved: ' + cls.moved.join(', ') : ''}`, out);
}

// axe-core is loaded from the same nginx (E2E_AXE_URL, outside the site's
// folder) so the browser caches and compiles it once, not once a page;
// handing its source over the DevTools pipe every time costs ~0.5 s.
async function runAxe(page) {
	if (!await page.evaluate(() => typeof window.axe !== 'undefined')) {
		if (AXE_URL)
			await page.addScriptTag({ url: AXE_URL }).catch(() => null);
		if (!await page.evaluate(() => typeof window.axe !== 'undefined'))
			await page.evaluate(axeSource);
	}
	return page.evaluate((tags) => window.axe.run(document, {
		runOnly: { type: 'tag', values: tags },
		resultTypes: ['violations'],
	}).then((r) => r.violations.map((v) => ({
		id: v.id,
		impact: v.impact,
		help: v.help,
		targets: v.nodes.map((n) => n.target.join(' ')),
	}))), AXE_TAGS);
}

function axeCheck(violations, rel, width, out) {
	const ok = check(violations.length === 0,
		`axe ${width}px /${rel}`, `${violations.length} violation(s)`, out);
	if (!ok) {
		for (const v of violations) {
			const t = v.targets.slice(0, 5).join(', ') +
				(v.targets.length > 5 ? `, … (${v.targets.length})` : '');
			say(out, `    ${v.id} [${v.impact}] ${v.help} — ${t} — /${rel}`);
		}
	}
	return ok;
}

// The kind of a page, by its place: "communities/*/" for every community.
function pageKind(rel) {
	return rel.split('/').map((seg, i) => (i > 0 && seg ? '*' : seg)).join('/');
}

// All checks on one page: one load at phone width, then the same
// document resized to desktop and to 320 px with text doubled. `page` is
// reused from page to page (a new tab costs more than a navigation).
// axe runs at 375 px on every page but at 1280 px only on the first page
// of each kind: pages of one kind share their markup and stylesheet, and
// axe is most of the run's time (~0.4 s a page).
async function checkPage(page, rel, axeDesktop, out) {
	try {
		await page.setViewportSize({ width: PHONE, height: 800 });
		const resp = await page.goto(pageUrl(rel), { waitUntil: 'load' });
		const status = resp ? resp.status() : 0;
		if (!check(status === 200, `HTTP /${rel}`, `status ${status}`, out))
			return;
		layoutShiftCheck(await layoutShift(page), `no layout shift at ${PHONE}px /${rel}`, out);
		if (COMMUNITY_HREF.test('/' + rel)) {
			const miss = await firstScreenMisses(page, FIRST_SCREEN);
			check(miss.length === 0, `first ${FIRST_SCREEN}px at ${PHONE}px answer whom to call and by when to object /${rel}`,
				'not there: ' + miss.join(', '), out);
		}
		const small = await smallText(page, MIN_BODY_PX);
		check(small.length === 0, `body text ≥ ${MIN_BODY_PX}px at ${PHONE}px /${rel}`,
			small.slice(0, 3).join('; ') + (small.length > 3 ? ` … (${small.length})` : ''), out);
		const tiny = await tinyText(page, MIN_ANY_PX);
		check(tiny.length === 0, `all text ≥ ${MIN_ANY_PX}px at ${PHONE}px /${rel}`,
			tiny.slice(0, 3).join('; ') + (tiny.length > 3 ? ` … (${tiny.length})` : ''), out);
		overflowCheck(await scrollsSideways(page), `no sideways scroll at ${PHONE}px /${rel}`, out);
		const gone = await missingImages(page);
		check(gone.length === 0, `every picture in <main> is there /${rel}`, gone.slice(0, 3).join(', '), out);
		axeCheck(await runAxe(page), rel, PHONE, out);

		await page.setViewportSize({ width: DESKTOP, height: 800 });
		overflowCheck(await scrollsSideways(page), `no sideways scroll at ${DESKTOP}px /${rel}`, out);
		const edge = await bannerEdges(page);
		if (edge)
			check(Math.abs(edge.banner - edge.title) < 1, `示例数据 banner lines up with the title at ${DESKTOP}px /${rel}`,
				`banner text at ${edge.banner}px, title at ${edge.title}px`, out);
		if (axeDesktop)
			axeCheck(await runAxe(page), rel, DESKTOP, out);

		await page.setViewportSize({ width: NARROW, height: 800 });
		await zoomText(page, 2);
		overflowCheck(await scrollsSideways(page),
			`no sideways scroll at ${NARROW}px with text 200% /${rel}`, out);
	} catch (e) {
		check(false, `/${rel}`, e.message.split('\n')[0], out);
	}
}

// A missing address is answered with status 404 and the site's 404 page.
// (Pages are never closed one by one: with this Chromium, Page.close can
// hang after failed navigations; closing the whole context does not.)
async function checkNotFound(browser, offHost) {
	const ctx = await newContext(browser, PHONE, offHost);
	try {
		const page = await ctx.newPage();
		const want = fs.readFileSync(path.join(ROOT, '404.html'), 'utf8')
			.match(/<title>([^<]*)<\/title>/i);
		const resp = await page.goto(BASE + MISSING);
		check(resp && resp.status() === 404, 'missing page answers 404',
			`status ${resp && resp.status()}`);
		const title = await page.title();
		check(want && title === decodeEntities(want[1]), 'missing page shows 404.html',
			`title “${title}”`);
		// Deeper down its links and stylesheet still come from the
		// site's top (a missing file would be reported by `broken`).
		const deep = await page.goto(BASE + MISSING_DEEP);
		check(deep && deep.status() === 404, 'missing page deeper down answers 404',
			`status ${deep && deep.status()}`);
		const home = await notFoundLinks(page);
		check(home.href === BASE + 'index.html' && home.styled, `404 page at /${MISSING_DEEP} links to the site`,
			`first link ${home.href}, stylesheet ${home.styled ? 'applied' : 'not applied'}`);
	} finally {
		await ctx.close();
	}
	// Opened from disk, as a copy of the site on a USB stick would be.
	// (Not through newContext: file:// is not loopback.)
	const disk = await browser.newContext({ viewport: { width: PHONE, height: 800 } });
	try {
		const page = await disk.newPage();
		const file = 'file://' + path.resolve(ROOT, '404.html');
		await page.goto(file);
		const home = await notFoundLinks(page);
		check(home.href === 'file://' + path.resolve(ROOT, 'index.html') && home.styled,
			'404.html opened from disk links to the site', `first link ${home.href}, stylesheet ${home.styled ? 'applied' : 'not applied'}`);
	} finally {
		await disk.close();
	}
}

function decodeEntities(s) {
	return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'").replace(/&#x27;/g, "'").replace(/&amp;/g, '&').trim();
}

// The A+ and A− buttons, found by what a resident sees or hears: a button
// whose name is "A+" / "A−" (or says 放大 / 缩小 字号).
const A_PLUS = /^\s*A\s*\+|放大|增大|大字/i;
const A_MINUS = /^\s*A\s*[−\-–]|缩小|减小|小字|标准字/i;

async function textSize(page) {
	return page.evaluate(() => {
		const p = document.querySelector('main p') || document.body;
		return parseFloat(getComputedStyle(p).fontSize);
	});
}

async function checkTextSizeControl(browser, offHost) {
	const ctx = await newContext(browser, PHONE, offHost);
	const page = await ctx.newPage();
	try {
		await page.goto(BASE);
		const plus = page.getByRole('button', { name: A_PLUS }).first();
		const minus = page.getByRole('button', { name: A_MINUS }).first();
		const havePlus = await plus.isVisible().catch(() => false);
		const haveMinus = await minus.isVisible().catch(() => false);
		if (!check(havePlus && haveMinus, 'A+/A− control on the home page',
			`A+ ${havePlus ? 'found' : 'missing'}, A− ${haveMinus ? 'found' : 'missing'} ` +
			'(a visible button named “A+”/“A−” or 放大/缩小字号)'))
			return;
		const before = await textSize(page);
		await plus.click();
		const bigger = await textSize(page);
		check(bigger > before, 'A+ enlarges body text', `${before}px → ${bigger}px`);
		const stored = await page.evaluate(() => localStorage.length);
		await page.reload();
		const after = await textSize(page);
		check(after === bigger && stored > 0, 'text size kept after reload (localStorage)',
			`${bigger}px before reload, ${after}px after, ${stored} localStorage item(s)`);
		await page.getByRole('button', { name: A_MINUS }).first().click();
		const back = await textSize(page);
		check(back < after, 'A− makes body text smaller again', `${after}px → ${back}px`);
	} finally {
		await ctx.close();
	}
}

// Community pages are the folders right under communities/.
const COMMUNITY_HREF = /\/communities\/[^/]+\/(index\.html)?$/;

async function visibleCommunityLinks(page) {
	return page.evaluate((re) => {
		const r = new RegExp(re);
		return Array.from(document.querySelectorAll('main a[href]'))
			.filter((a) => r.test(new URL(a.href).pathname))
			.filter((a) => a.getClientRects().length > 0).length;
	}, COMMUNITY_HREF.source);
}

// Picks one value in the filter: the first <select> with a real choice,
// else a radio button, else a search box fed the first community's name.
async function applyFilter(page) {
	const sel = page.locator('main select');
	for (let i = 0; i < await sel.count(); i++) {
		const s = sel.nth(i);
		if (!await s.isVisible())
			continue;
		const values = await s.locator('option').evaluateAll(
			(os) => os.map((o) => o.value).filter((v) => v !== ''));
		if (values.length) {
			await s.selectOption(values[0]);
			return `select option “${values[0]}”`;
		}
	}
	const radios = page.locator('main input[type=radio]:not(:checked)');
	if (await radios.count()) {
		await radios.first().check();
		return 'radio button';
	}
	const box = page.locator('main input[type=search], main input[type=text]');
	if (await box.count()) {
		const name = await page.evaluate((re) => {
			const r = new RegExp(re);
			const a = Array.from(document.querySelectorAll('main a[href]'))
				.find((x) => r.test(new URL(x.href).pathname));
			return a ? a.textContent.trim() : '';
		}, COMMUNITY_HREF.source);
		await box.first().fill(name.slice(0, 2));
		return 'text box';
	}
	return null;
}

async function checkFilter(browser, offHost, nCommunities) {
	const url = BASE + 'communities/';
	// Without JavaScript the list is whole: nothing hidden behind a script.
	const plain = await newContext(browser, DESKTOP, offHost, { javaScriptEnabled: false });
	try {
		const page = await plain.newPage();
		// A long list is paginated: follow rel="next" (plain links, no
		// script) and count every page's communities.
		let n = 0, pages = 0;
		for (let at = url; at && pages < 1000; pages++) {
			await page.goto(at);
			n += await visibleCommunityLinks(page);
			const next = page.locator('a[rel="next"]');
			at = await next.count() ? new URL(await next.first().getAttribute('href'), page.url()).href : null;
		}
		check(nCommunities > 0 && n >= nCommunities, '/communities/ lists every community without JavaScript',
			`${n} visible links on ${pages} page(s), ${nCommunities} community pages`);
	} finally {
		await plain.close();
	}
	const ctx = await newContext(browser, DESKTOP, offHost);
	try {
		const page = await ctx.newPage();
		await page.goto(url);
		const before = await visibleCommunityLinks(page);
		const how = await applyFilter(page);
		if (!check(how !== null, 'filter control on /communities/', 'no select, radio or text box in <main>'))
			return;
		await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
		const after = await visibleCommunityLinks(page);
		check(after > 0 && after < before, 'JS filter on /communities/ reduces the list',
			`${how}: ${before} → ${after} visible communities`);
	} finally {
		await ctx.close();
	}
}

// The filter is shown by communities.js at the end of the page. A busy
// phone may draw the page before that script runs, so the page must be
// laid out the same before it as after (the CLS check above sees the
// difference only when the paint happens to come first): the list's
// first heading is measured with the script held back and with it run.
async function checkFilterNoShift(browser, offHost) {
	const ctx = await newContext(browser, PHONE, offHost);
	try {
		const page = await ctx.newPage();
		const top = () => page.evaluate(() => {
			const h = document.querySelector('main section h2, main table');
			return h ? Math.round(h.getBoundingClientRect().top + window.scrollY) : -1;
		});
		await page.route('**/assets/communities.js', (r) => r.abort());
		await page.goto(BASE + 'communities/', { waitUntil: 'load' });
		const before = await top();
		await page.unroute('**/assets/communities.js');
		await page.goto(BASE + 'communities/', { waitUntil: 'load' });
		const after = await top();
		check(before >= 0 && before === after, `/communities/ laid out the same before communities.js runs at ${PHONE}px`,
			`the list starts at ${before}px without the script, ${after}px with it`);
	} finally {
		await ctx.close();
	}
}

// Search results come after the page is drawn: asked for in the address
// (?q=, as a shared link is), they must not push what is shown (CLS 0).
async function checkSearchShift(browser, offHost) {
	const ctx = await newContext(browser, PHONE, offHost);
	try {
		const page = await ctx.newPage();
		await page.goto(BASE + 'communities/');
		const name = await page.evaluate((re) => {
			const r = new RegExp(re);
			const a = Array.from(document.querySelectorAll('main a[href]'))
				.find((x) => r.test(new URL(x.href).pathname));
			return a ? a.textContent.trim() : '';
		}, COMMUNITY_HREF.source);
		await page.goto(BASE + 'search/?q=' + encodeURIComponent(name.slice(0, 2)));
		const shown = await page.locator('[data-search-results] li').first()
			.waitFor({ timeout: 10000 }).then(() => true, () => false);
		if (!check(shown, 'search/?q= shows results', `no result for “${name.slice(0, 2)}”`))
			return;
		layoutShiftCheck(await layoutShift(page), `no layout shift at ${PHONE}px /search/?q=`);
		// The number of a result sits by the first line of its title: an
		// outside list marker sits on the baseline of the item's first
		// line, and an inline-block's baseline is its last line, so a
		// title that wraps must not be one (a block or inline is right).
		const at = await page.evaluate(() => {
			const li = document.querySelector('[data-search-results] li');
			const a = li.querySelector('a');
			const w = li.style.width;
			li.style.width = '2.5em'; // the title now takes several lines
			const range = document.createRange();
			range.selectNodeContents(a);
			const lines = new Set(Array.from(range.getClientRects())
				.filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
			const display = getComputedStyle(a).display;
			li.style.width = w;
			return { lines, display, first: li.firstElementChild === a };
		});
		check(at.lines > 1 && at.first && !/^inline-/.test(at.display),
			'search result number by the first line of a wrapped title',
			`${at.lines} line(s); title ${at.first ? 'first' : 'not first'} in its item, display ${at.display}`);
	} finally {
		await ctx.close();
	}
}

async function screenshots(browser, offHost, pages) {
	// The community named by E2E_SHOT_COMMUNITY (one with its own text
	// shows the most), else the first.
	const want = `communities/${process.env.E2E_SHOT_COMMUNITY || ''}/`;
	const community = pages.find((p) => p === want) ||
		pages.find((p) => COMMUNITY_HREF.test('/' + p));
	const shots = [['home', '']];
	if (community)
		shots.push(['community', community]);
	fs.mkdirSync(SHOTS_DIR, { recursive: true });
	for (const width of [PHONE, DESKTOP]) {
		const ctx = await newContext(browser, width, offHost);
		try {
			const page = await ctx.newPage();
			for (const [name, rel] of shots) {
				await page.goto(pageUrl(rel));
				const file = path.join(SHOTS_DIR, `e2e-${name}-${width}.png`);
				await page.screenshot({ path: file, fullPage: true });
				console.log(`screenshot: ${path.relative(process.cwd(), file)} (/${rel})`);
			}
		} finally {
			await ctx.close();
		}
	}
}

// The pages E2E_EXPECT names exist and show what it says they show (a
// new kind of page gone from the build would otherwise pass unseen: the
// walk above only checks the pages it finds).
async function checkExpected(browser, offHost, pages) {
	const want = (process.env.E2E_EXPECT || '').split(/\s+/).filter((w) => w);
	if (!want.length)
		return;
	const ctx = await newContext(browser, PHONE, offHost);
	try {
		const page = await ctx.newPage();
		for (const w of want) {
			const [rel, sel] = w.split('|');
			if (!check(pages.includes(rel), `the site has /${rel}`, 'not built'))
				continue;
			await page.goto(pageUrl(rel));
			const n = await page.locator(sel).count();
			check(n > 0, `/${rel} shows ${sel}`, 'nothing matches');
		}
	} finally {
		await ctx.close();
	}
}

// Every picture in <main> is there, those below the screen too (lazy
// ones are not requested while the page is checked, so `broken` would
// not see them missing). Returns the addresses that did not answer 200.
async function missingImages(page) {
	return page.evaluate(() => Promise.all(Array.from(document.querySelectorAll('main img'))
		.map((img) => {
			const u = img.currentSrc || img.src;
			return fetch(u, { method: 'HEAD' }).then((r) => (r.ok ? null : `${u} (${r.status})`),
				() => `${u} (no answer)`);
		})).then((all) => all.filter((x) => x)));
}

// One group of checks failing outright (a page that will not load) is
// one failure, and the groups after it still run.
async function guard(what, promise) {
	try {
		await promise;
	} catch (e) {
		check(false, what, e.message.split('\n')[0]);
	}
}

async function main() {
	if (!BASE || !ROOT) {
		console.log('FAIL e2e.js: E2E_BASE and E2E_ROOT must be set');
		failed++;
		return;
	}
	const pages = walkPages(ROOT);
	check(pages.includes(''), 'the site has a home page', `no index.html in ${ROOT}`);
	check(pages.includes('404.html'), 'the site has 404.html');
	const nCommunities = pages.filter((p) => COMMUNITY_HREF.test('/' + p)).length;

	const browser = await chromium.launch({
		executablePath: BROWSER,
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update',
			'--disable-sync', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost'],
	});
	const offHost = new Set();
	const jsErrors = [];
	try {
		const ctx = await newContext(browser, PHONE, offHost);
		// Two pages at a time: the machine has two cores.
		let next = 0;
		const kinds = new Set();
		const report = {};
		async function worker() {
			const page = await ctx.newPage();
			let rel = '';
			page.on('pageerror', (e) => jsErrors.push(`/${rel}: ${e.message}`));
			while (next < pages.length) {
				rel = pages[next++];
				const kind = pageKind(rel);
				const first = !kinds.has(kind);
				kinds.add(kind);
				report[rel] = [];
				await checkPage(page, rel, first, report[rel]);
			}
		}
		await Promise.all([worker(), worker()]);
		// Failures in page order, whichever worker saw them first.
		for (const rel of pages)
			for (const line of report[rel] || [])
				console.log(line);
		await ctx.close();
		if (pages.includes('404.html'))
			await guard('404 page', checkNotFound(browser, offHost));
		await guard('A+/A− control', checkTextSizeControl(browser, offHost));
		if (check(pages.includes('communities/'), 'the site has /communities/'))
		{
			await guard('/communities/ filter', checkFilter(browser, offHost, nCommunities));
			await guard('/communities/ filter shift', checkFilterNoShift(browser, offHost));
		}
		if (pages.includes('search/'))
			await guard('search', checkSearchShift(browser, offHost));
		await guard('expected pages', checkExpected(browser, offHost, pages));
		if (SHOTS)
			await guard('screenshots', screenshots(browser, offHost, pages));
	} finally {
		await browser.close();
	}
	check(offHost.size === 0, 'nothing loads from another host',
		Array.from(offHost).slice(0, 5).join(' '));
	check(broken.size === 0, 'every file the pages load exists',
		Array.from(broken).slice(0, 5).join('; '));
	check(jsErrors.length === 0, 'no JavaScript errors',
		jsErrors.slice(0, 5).join('; '));
	console.log(`pages: ${pages.length}, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

const t0 = Date.now();
const timer = setTimeout(() => {
	console.log(`FAIL e2e.js: not finished after ${DEADLINE_MS / 1000} s`);
	console.log(`${passed} passed, ${failed + 1} failed`);
	process.exit(1);
}, DEADLINE_MS);

main().catch((e) => {
	failed++;
	console.log(`FAIL e2e.js: ${e.stack || e}`);
}).finally(() => {
	clearTimeout(timer);
	console.log(`${passed} passed, ${failed} failed`);
	process.exitCode = failed ? 1 : 0;
});
