// News in real Chromium: the workshop's article offers responsive sizes (srcset, lazy), its
// lightbox opens by keyboard on the display size, moves with the arrow keys, keeps the focus
// inside and gives it back; a post whose gallery is missing reads calmly; the news and search
// pages have no accessibility violations, at 1280 px and on a 360-px phone.
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
const WORKSHOP = 'อุดรธานีจัดประชุมเชิงปฏิบัติการประเมินผลแบบเสริมพลัง';
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

/// The demo loads its news in the background after its reports: wait for the workshop's post.
async function workshopHref(page) {
  for (let i = 0; i < 90; i++) {
    await page.goto(`${base}/news`);
    const link = page.getByRole('link', { name: new RegExp(WORKSHOP) });
    if (await link.count()) return link.first().getAttribute('href');
    await page.waitForTimeout(2000);
  }
  throw new Error('the demo news never appeared on /news');
}

test('the lightbox opens by keyboard on the display size and keeps the focus', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const href = await workshopHref(page);
  await page.goto(`${base}${href}`);
  const shots_ = page.locator('.gallery a.shot');
  const count = await shots_.count();
  assert.ok(count >= 10, `${count} photos in the gallery`);
  const img = page.locator('.gallery img').first();
  const srcset = await img.getAttribute('srcset');
  assert.match(srcset, /\/thumbnail \d+w, .*\/display \d+w$/);
  assert.equal(await img.getAttribute('loading'), 'lazy');
  assert.ok(!(await page.content()).includes('/original'), 'never the original');

  await shots_.first().focus();
  await page.keyboard.press('Enter');
  const dialog = page.locator('dialog.lightbox');
  await dialog.waitFor({ state: 'visible' });
  assert.match(await dialog.locator('img').getAttribute('src'), /\/display$/);
  assert.equal(await dialog.locator('.count').textContent(), `1 / ${count}`);
  const inside = () => page.evaluate(() => document.activeElement.closest('dialog') !== null);
  assert.ok(await inside(), 'the focus moves into the lightbox');
  await page.keyboard.press('ArrowRight');
  assert.equal(await dialog.locator('.count').textContent(), `2 / ${count}`);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await dialog.locator('.count').textContent(), `${count} / ${count}`);
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Tab');
    assert.ok(await inside(), 'Tab stays inside the open lightbox');
  }
  const loaded = await dialog.locator('img').evaluate((el) => el.complete && el.naturalWidth > 0);
  assert.ok(loaded, 'the display size loads');
  await page.screenshot({ path: join(shots, 'news-lightbox.png') });
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  const back = await page.evaluate(() => document.activeElement.classList.contains('shot'));
  assert.ok(back, 'the focus returns to the photo');
  await context.close();
});

test('news and search pages read calmly and have no accessibility violations', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, bypassCSP: true });
  const page = await context.newPage();
  const href = await workshopHref(page);
  const missing = await page.getByRole('link', { name: /ประชุมคณะทำงานติดตามประเมินผล/ }).getAttribute('href');
  await page.goto(`${base}${missing}`);
  assert.ok(await page.getByText('ภาพชุดนี้ยังไม่พร้อมแสดง').isVisible());
  assert.ok(!(await page.content()).includes('{gallery}'));
  const found = {};
  const pages = ['/news', href, missing, `${href}/print`, '/search?q=อบรม', '/search?q=%25'];
  for (const path of pages) {
    await page.goto(`${base}${path}`);
    const v = await violations(page);
    if (v.length) found[path] = v;
  }
  await page.goto(`${base}/login`);
  await page.getByLabel('อีเมล').fill('secretariat@demo.example');
  await page.getByLabel('รหัสผ่าน').fill('demo-secretariat-2565');
  await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
  await page.waitForURL(`${base}/p/41`);
  for (const path of ['/p/41/news', '/p/41/news/new', '/p/41/galleries', '/p/41/galleries/1',
    '/p/41/news/2', '/p/41/search?q=วัด']) {
    await page.goto(`${base}${path}`);
    const v = await violations(page);
    if (v.length) found[path] = v;
  }
  assert.deepEqual(found, {});
  await context.close();

  const phone = await browser.newContext({ viewport: { width: 360, height: 720 }, bypassCSP: true });
  const small = await phone.newPage();
  for (const path of ['/news', href, '/search?q=อบรม']) {
    await small.goto(`${base}${path}`);
    const overflow = await small.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `${path} is ${overflow}px wider than the phone`);
    const name = path === href ? 'article' : path.replace(/[^a-z]/g, '');
    await small.screenshot({ path: join(shots, `news-360-${name}.png`), fullPage: true });
  }
  await phone.close();
});
