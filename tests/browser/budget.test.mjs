// Page weight budgets (issue 16): every page a person opens stays light on a phone over 4G.
// The test walks the demo as the secretariat and as an anonymous visitor, one page per kind of
// address (`/p/41/orgs/48` stands for every organization), and opens each in a fresh profile
// (an empty cache: the first view). Budgets: the HTML at most 60 KB as sent before compression,
// and the whole first view (HTML, stylesheet, scripts, fonts and the images loaded on first
// view, as transferred) at most 300 KB.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const base = process.env.SERMPHALANG_URL;
const HTML_BUDGET = 60_000;
const FIRST_VIEW_BUDGET = 300_000;
const MOST_PAGES = 150;
let browser;

before(async () => {
  assert.ok(base, 'SERMPHALANG_URL must name the running server');
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => { await browser?.close(); });

// Downloads, files, streams and actions are not pages.
const SKIP = /\.(pdf|xlsx|csv|zip|png|jpe?g|webp|svg|txt|json|ics)$|^\/(static|api|files|logout|metrics|healthz|readyz|lang|font)\b|\/(stream|events\.json|photo|photos\/\d+|feed\.rss|feed\.atom)(\/|$)|[?&]lang=/;

// One address per kind: numbers stand for any record; of the query only the tab is kept.
function kind(url) {
  const tab = url.searchParams.get('tab');
  return url.pathname.replace(/\/\d+/g, '/N').replace(/\/[A-Z0-9]{8,}$/, '/CODE') + (tab ? `?tab=${tab}` : '');
}

async function weigh(state, path) {
  const context = await browser.newContext({ storageState: state, viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  let response;
  try {
    response = await page.goto(`${base}${path}`, { waitUntil: 'load' });
  } catch (e) {
    // An export or a file answers as a download: not a page.
    if (!String(e.message).includes('Download is starting')) throw e;
    await context.close();
    return { path, status: 0, html: 0, firstView: 0, links: [], clipped: 0 };
  }
  const html = response ? (await response.body()).length : 0;
  const status = response ? response.status() : 0;
  const firstView = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return performance.getEntriesByType('resource')
      .reduce((sum, r) => sum + r.transferSize, nav ? nav.transferSize : 0);
  });
  const links = await page.evaluate(() => Array.from(document.querySelectorAll('a[href]'), (a) => a.href));
  // A list stacked for the phone must not be wider than it, pushing text out of sight.
  const clipped = await page.evaluate(() => Array.from(document.querySelectorAll('.tablewrap'))
    .filter((w) => w.querySelector('table.list') && w.scrollWidth > w.clientWidth + 1).length);
  await context.close();
  return { path, status, html, firstView, links, clipped };
}

async function walk(state, start) {
  const seen = new Set();
  const queue = start.slice();
  const weighed = [];
  while (queue.length > 0 && weighed.length < MOST_PAGES) {
    const path = queue.shift();
    const key = kind(new URL(path, base));
    if (seen.has(key)) continue;
    seen.add(key);
    const w = await weigh(state, path);
    if (w.status !== 200) continue;
    weighed.push(w);
    for (const href of w.links) {
      let url;
      try { url = new URL(href); } catch { continue; }
      if (url.origin !== new URL(base).origin) continue;
      const next = url.pathname + url.search;
      if (SKIP.test(url.pathname) || SKIP.test(next) || seen.has(kind(url))) continue;
      queue.push(next);
    }
  }
  return weighed;
}

function report(who, weighed) {
  const heaviest = weighed.slice().sort((a, b) => b.html - a.html).slice(0, 8);
  console.log(`${who}: ${weighed.length} kinds of page; heaviest HTML:`);
  for (const w of heaviest) {
    console.log(`  ${(w.html / 1000).toFixed(1).padStart(6)} KB HTML  ${(w.firstView / 1000).toFixed(1).padStart(6)} KB first view  ${w.path}`);
  }
  const over = weighed.filter((w) => w.html > HTML_BUDGET || w.firstView > FIRST_VIEW_BUDGET)
    .map((w) => `${w.path}: ${w.html} B HTML, ${w.firstView} B first view`);
  assert.deepEqual(over, [], `over the budget (HTML ${HTML_BUDGET} B, first view ${FIRST_VIEW_BUDGET} B)`);
  const clipped = weighed.filter((w) => w.clipped > 0).map((w) => `${w.path}: ${w.clipped} lists`);
  assert.deepEqual(clipped, [], 'stacked lists wider than a 360-px phone (their text runs out of sight)');
}

test('every page of the secretariat stays within its weight budget', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel('อีเมล').fill('secretariat@demo.example');
  await page.getByLabel('รหัสผ่าน').fill('demo-secretariat-2565');
  await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
  await page.waitForURL(`${base}/p/41`);
  const state = await context.storageState();
  await context.close();
  const weighed = await walk(state, ['/p/41', '/p/41/cycles/2', '/p/41/cycles/2?tab=mission',
    '/p/41/cycles/2?tab=stock', '/p/41/cycles/2?tab=rating', '/p/41/cycles/2?tab=planning',
    '/p/41/cycles/2?tab=progress']);
  assert.ok(weighed.length >= 40, `the walk reached ${weighed.length} kinds of page`);
  assert.ok(weighed.some((w) => w.path.startsWith('/p/41/cycles/2')), 'the cycle page was weighed');
  report('secretariat', weighed);
});

test('every public page stays within its weight budget', async () => {
  const weighed = await walk(undefined, ['/', '/news', '/login', '/events/1', '/events/2', '/open/41', '/verify']);
  assert.ok(weighed.length >= 7, `the walk reached ${weighed.length} kinds of page`);
  report('anonymous', weighed);
});
