// The community list's filter by status (issue 19), in Debian's headless
// Chromium over file:// (tests/sh/list-filter.sh builds the site: the
// example with one community overdue). Checks, on communities/index.html:
//   - without JavaScript every row shows and the filter stays hidden;
//   - the status select offers the status words (未开工 已开工 已竣工 …) and
//     逾期, not the 进度 phases;
//   - each choice shows exactly the rows whose data-status holds its word
//     (逾期 picks a 已开工 row: a row's words are "started overdue"), each
//     shown row's 进度 cell says the choice's words, and the count line
//     agrees;
//   - "显示全部" brings every row back;
// and axe-core (WCAG 2.1 A/AA) finds nothing on the list, an area's page
// and a subdistrict's page at 375 and 1280 px.
//
//   E2E_SITE=built/site node tests/e2e/list-filter.js
//
// Prints one FAIL line per failure, then `N passed, N failed`.
'use strict';
const path = require('path');
const { pathToFileURL } = require('url');
const { chromium } = require('playwright-core');
const axeSource = require('axe-core').source;

const SITE = process.env.E2E_SITE;
const BROWSER = process.env.CHROMIUM || '/usr/bin/chromium';
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const AXE_PAGES = ['communities/index.html', 'communities/area/g1/index.html', 'units/lincheng/index.html'];

let passed = 0;
let failed = 0;

function check(ok, what, detail) {
	if (ok) {
		passed++;
	} else {
		failed++;
		console.log(`FAIL ${what}${detail ? ': ' + detail : ''}`);
	}
	return ok;
}

function url(rel) {
	return pathToFileURL(path.join(SITE, rel)).href;
}

// What the list shows: every row's words and 进度 cell, and whether shown.
function rows(page) {
	return page.evaluate(() => Array.from(document.querySelectorAll('tr[data-status]')).map((r) => ({
		words: r.getAttribute('data-status').split(' '),
		cell: r.querySelector('td[data-label="进度"]').textContent.trim(),
		shown: r.getClientRects().length > 0,
	})));
}

async function withoutScript(browser) {
	const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 800 } });
	try {
		const page = await ctx.newPage();
		await page.goto(url('communities/index.html'));
		const all = await rows(page);
		check(all.length > 0 && all.every((r) => r.shown), 'every row shows without JavaScript',
			`${all.filter((r) => r.shown).length} of ${all.length} shown`);
		check(!await page.locator('form[data-filter]').isVisible(), 'the filter is hidden without JavaScript');
	} finally {
		await ctx.close();
	}
}

async function byStatus(browser) {
	const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	try {
		const page = await ctx.newPage();
		const errors = [];
		page.on('pageerror', (e) => errors.push(e.message));
		await page.goto(url('communities/index.html'));
		const sel = page.locator('#filter-status');
		if (!check(await sel.isVisible(), 'the status filter shows with JavaScript'))
			return;
		const options = await sel.locator('option').evaluateAll(
			(os) => os.filter((o) => o.value).map((o) => ({ value: o.value, label: o.textContent.trim() })));
		const labels = options.map((o) => o.label).join(' ');
		check(labels === '已开工 已竣工 逾期', 'the status choices are the words present and 逾期', labels);
		const total = (await rows(page)).length;
		for (const o of options) {
			await sel.selectOption(o.value);
			const all = await rows(page);
			const want = all.filter((r) => r.words.includes(o.value)).length;
			const shown = all.filter((r) => r.shown);
			check(want > 0 && shown.length === want && shown.every((r) => r.words.includes(o.value)),
				`choosing ${o.label} shows the rows whose data-status holds ${o.value}`,
				`${shown.length} shown, ${want} hold it`);
			check(shown.every((r) => r.cell.split(' ').includes(o.label)),
				`every row shown for ${o.label} says ${o.label}`, shown.map((r) => r.cell).join('、'));
			const count = await page.locator('[data-filter-count]').textContent();
			check(count === `显示 ${want} 个小区，共 ${total} 个`, `the count line for ${o.label}`, count);
		}
		await page.locator('form[data-filter] button[type=reset]').click();
		await page.waitForFunction((n) => document.querySelectorAll('tr[data-status]:not([hidden])').length === n, total);
		check((await rows(page)).every((r) => r.shown), '显示全部 shows every row again');
		check(errors.length === 0, 'no JavaScript errors', errors.join('; '));
	} finally {
		await ctx.close();
	}
}

async function axe(browser) {
	const ctx = await browser.newContext();
	try {
		const page = await ctx.newPage();
		for (const rel of AXE_PAGES) {
			for (const width of [375, 1280]) {
				await page.setViewportSize({ width, height: 800 });
				await page.goto(url(rel));
				await page.evaluate(axeSource);
				const v = await page.evaluate((tags) => window.axe.run(document, {
					runOnly: { type: 'tag', values: tags },
					resultTypes: ['violations'],
				}).then((r) => r.violations.map((x) => `${x.id} (${x.nodes.map((n) => n.target.join(' ')).join(', ')})`)),
				AXE_TAGS);
				check(v.length === 0, `axe at ${width}px /${rel}`, v.join('; '));
			}
		}
	} finally {
		await ctx.close();
	}
}

async function main() {
	const browser = await chromium.launch({
		executablePath: BROWSER,
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--allow-file-access-from-files'],
	});
	try {
		await withoutScript(browser);
		await byStatus(browser);
		await axe(browser);
	} finally {
		await browser.close();
	}
}

main().catch((e) => {
	failed++;
	console.log(`FAIL list-filter.js: ${e.stack || e}`);
}).finally(() => {
	console.log(`${passed} passed, ${failed} failed`);
	process.exitCode = failed ? 1 : 0;
});
