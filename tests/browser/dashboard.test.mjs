// The dashboards in real Chromium: the secretariat narrows the province's figures with the
// filters and drills into a district; the Moral Center drills from the nation to a province;
// the public page works without signing in. Screenshots at 1280 and 360 px; axe-core finds
// no violations. The contexts bypass the content security policy only for axe's script.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
const base = process.env.SERMPHALANG_URL;
const shots = process.env.SCREENSHOT_DIR || 'screenshots';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
let browser;

before(async () => {
  assert.ok(base, 'SERMPHALANG_URL must name the running server');
  mkdirSync(shots, { recursive: true });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
});

after(async () => { await browser?.close(); });

async function violations(page) {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
}

async function signedIn(width, email, password, home) {
  const context = await browser.newContext({ viewport: { width, height: 720 }, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel('อีเมล').fill(email);
  await page.getByLabel('รหัสผ่าน').fill(password);
  await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
  await page.waitForURL(`${base}${home}`);
  return { context, page };
}

const statOf = async (page) => Number((await page.locator('.stats .stat strong').first().innerText()).replace(/,/g, ''));

test('the secretariat filters the dashboard and drills into a district', async () => {
  const { context, page } = await signedIn(1280, 'secretariat@demo.example', 'demo-secretariat-2565', '/p/41');
  // The previous year has a whole year of the demo's reports.
  const year = String(Number(await page.locator('select[name=year]').inputValue()) - 1);
  await page.selectOption('select[name=year]', year);
  await page.getByRole('button', { name: 'แสดงผล' }).click();
  await page.waitForURL((u) => u.searchParams.get('year') === year);
  // The demo's reports load in the background after the server answers: wait for them.
  let all = await statOf(page);
  for (let i = 0; all === 0 && i < 90; i++) {
    await page.waitForTimeout(2000);
    await page.reload();
    all = await statOf(page);
  }
  assert.ok(all > 0, `no approved reports in ${year}`);
  await page.screenshot({ path: join(shots, 'dashboard-1280.png'), fullPage: true });
  assert.deepEqual(await violations(page), []);

  await page.selectOption('select[name=network]', 'religion');
  await page.getByRole('button', { name: 'แสดงผล' }).click();
  await page.waitForURL((u) => u.searchParams.get('network') === 'religion');
  const religion = await statOf(page);
  assert.ok(religion < all, `religion ${religion} of ${all}`);

  // A district's tile drills down, keeping the year and the network.
  await page.locator('#chart-districts details summary').click();
  const district = page.locator('#chart-districts table a').first();
  const name = await district.innerText();
  await district.click();
  await page.waitForURL((u) => u.searchParams.has('district') && u.searchParams.get('network') === 'religion');
  assert.equal(await page.locator('select[name=district] option:checked').innerText(), name);
  assert.ok(await statOf(page) <= religion);
  await context.close();
});

test('the Moral Center sees every province and drills down to one', async () => {
  const { context, page } = await signedIn(1280, 'national@demo.example', 'demo-national-2565', '/nation');
  assert.equal(await page.locator('table.nation tbody th[scope=row] a').count(), 77);
  await page.screenshot({ path: join(shots, 'nation-1280.png'), fullPage: true });
  assert.deepEqual(await violations(page), []);
  await page.getByRole('link', { name: 'อุดรธานี', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/p/41' && u.searchParams.has('year'));
  await page.locator('#chart-networks').waitFor();
  await context.close();
});

test('the public pages work without signing in and fit a 360-px phone', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 720 }, bypassCSP: true });
  const page = await context.newPage();
  for (const [path, shot] of [['/open/41', 'public-41-360.png'], ['/open', 'public-nation-360.png']]) {
    const r = await page.goto(`${base}${path}`);
    assert.equal(r.status(), 200, path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `${path} is ${overflow}px wider than the phone`);
    await page.screenshot({ path: join(shots, shot), fullPage: true });
    assert.deepEqual(await violations(page), [], path);
  }
  assert.ok(await page.locator('meta[property="og:title"]').count() > 0);
  await context.close();
  const wide = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const p = await wide.newPage();
  await p.goto(`${base}/open/41`);
  await p.screenshot({ path: join(shots, 'public-41-1280.png'), fullPage: true });
  await wide.close();
});

test('a province with nothing yet sees its first steps on a phone', async () => {
  const { context, page } = await signedIn(360, 'khonkaen@demo.example', 'demo-khonkaen-2565', '/p/40');
  await page.getByRole('heading', { name: 'เริ่มต้นใช้งาน' }).waitFor();
  assert.equal(await page.locator('#chart-networks').count(), 0);
  await page.screenshot({ path: join(shots, 'getting-started-360.png'), fullPage: true });
  assert.deepEqual(await violations(page), []);
  await context.close();
});
