// A coordinator on a 360-px phone files an activity report with three photos while offline;
// the phone sends it once back online; the secretariat approves it and the plan's indicator
// counts it. Served photos are read back to check that no GPS position survived.
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
const GPS_MARKER = 'GPS-MARKER-17.4138N-102.7870E';
// An indicator no demo report feeds, so that its figure moves only with this test's report.
const INDICATOR = 'จำนวนผู้เข้าร่วมกิจกรรมของภาคีเครือข่าย';
let browser;

before(async () => {
  assert.ok(base, 'SERMPHALANG_URL must name the running server');
  mkdirSync(shots, { recursive: true });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
});

after(async () => { await browser?.close(); });

async function signIn(page, email, password, home = '/p/41') {
  // home: where the account lands, or null for anywhere past the sign-in page.
  await page.goto(`${base}/login`);
  await page.getByLabel('อีเมล').fill(email);
  await page.getByLabel('รหัสผ่าน').fill(password);
  await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
  await page.waitForURL(home ? `${base}${home}` : (url) => url.pathname !== '/login');
}

// A JPEG drawn on a canvas, with the EXIF block a phone writes (orientation, GPS) put in.
async function phonePhoto(page, hue) {
  const dataUrl = await page.evaluate((h) => {
    const c = document.createElement('canvas');
    c.width = 1200; c.height = 900;
    const g = c.getContext('2d');
    g.fillStyle = `hsl(${h}, 60%, 70%)`; g.fillRect(0, 0, 1200, 540);
    g.fillStyle = `hsl(${(h + 120) % 360}, 40%, 35%)`; g.fillRect(0, 540, 1200, 360);
    g.fillStyle = '#7a2e0e'; g.beginPath(); g.moveTo(600, 150); g.lineTo(350, 540); g.lineTo(850, 540); g.fill();
    return c.toDataURL('image/jpeg', 0.85);
  }, hue);
  const jpeg = Buffer.from(dataUrl.split(',')[1], 'base64');
  const entry = (tag, kind, count, value) => {
    const b = Buffer.alloc(12);
    b.writeUInt16LE(tag, 0); b.writeUInt16LE(kind, 2); b.writeUInt32LE(count, 4); b.writeUInt32LE(value, 8);
    return b;
  };
  const u16 = (n) => { const b = Buffer.alloc(2); b.writeUInt16LE(n); return b; };
  const u32 = (n) => { const b = Buffer.alloc(4); b.writeUInt32LE(n); return b; };
  const gpsIfd = 8 + 2 + 2 * 12 + 4;
  const tiff = Buffer.concat([
    Buffer.from('II*\0', 'latin1'), u32(8),
    u16(2), entry(0x0112, 3, 1, 6), entry(0x8825, 4, 1, gpsIfd), u32(0),
    u16(2), entry(0x0001, 2, 2, Buffer.from('N\0\0\0', 'latin1').readUInt32LE()),
    entry(0x0003, 2, 2, Buffer.from('E\0\0\0', 'latin1').readUInt32LE()), u32(0),
    Buffer.from(GPS_MARKER, 'latin1'),
  ]);
  const app1 = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const length = Buffer.alloc(2); length.writeUInt16BE(app1.length + 2);
  return Buffer.concat([jpeg.subarray(0, 2), Buffer.from([0xFF, 0xE1]), length, app1, jpeg.subarray(2)]);
}

// The year's actual of the indicator on the plan's home, as a number.
async function yearActual(page) {
  await page.goto(`${base}/p/41/plans`);
  await page.locator('table.list a').first().click();
  const row = page.locator('tr', { hasText: INDICATOR });
  const text = await row.locator('td[data-label="ทั้งปี"] strong').innerText();
  return text.trim() === '–' ? 0 : Number(text.replace(/,/g, ''));
}

async function violations(page) {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
}

test('a coordinator files a report offline with three photos; it is sent, approved and counted', async () => {
  const staff = await browser.newContext({ viewport: { width: 1280, height: 720 }, bypassCSP: true });
  const desk = await staff.newPage();
  await signIn(desk, 'secretariat@demo.example', 'demo-secretariat-2565');
  const before = await yearActual(desk);

  const phone = await browser.newContext({ viewport: { width: 360, height: 720 }, isMobile: true, hasTouch: true });
  const page = await phone.newPage();
  await signIn(page, 'coordinator@demo.example', 'demo-coordinator-2565');
  await page.goto(`${base}/p/41/reports/new`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the report form is ${overflow}px wider than the phone`);

  const title = `บวชเณรภาคฤดูร้อน ${Date.now()}`;
  await page.getByLabel('ชื่อกิจกรรม').fill(title);
  const today = await page.evaluate(() => {
    const d = new Date();
    return `${d.getDate()}/${d.getMonth() + 1}/${d.getFullYear() + 543}`;
  });
  await page.getByLabel('วันที่จัด').fill(today);
  await page.getByLabel('อำเภอ', { exact: true }).selectOption({ label: 'บ้านผือ' });
  await page.getByLabel('ชาย', { exact: true }).fill('21');
  await page.getByLabel('หญิง', { exact: true }).fill('16');
  await page.getByText('ผลต่อตัวชี้วัด').click();
  await page.getByLabel(INDICATOR).fill('37');
  const photos = [];
  for (const [i, hue] of [[1, 20], [2, 140], [3, 260]]) {
    photos.push({ name: `IMG_20${i}.jpg`, mimeType: 'image/jpeg', buffer: await phonePhoto(page, hue) });
  }
  await page.locator('#photos').setInputFiles(photos);
  await page.getByLabel('ผู้ที่อยู่ในภาพยินยอมให้เผยแพร่ภาพต่อสาธารณะ').check();
  await page.screenshot({ path: join(shots, 'report-form-360.png'), fullPage: true });

  // No signal in the district hall: the report stays on the phone.
  await phone.setOffline(true);
  await page.getByRole('button', { name: 'บันทึกและส่งให้ฝ่ายเลขานุการ' }).click();
  await page.getByText('ยังไม่มีสัญญาณ').waitFor();
  const kept = await page.evaluate(() => new Promise((resolve) => {
    const req = indexedDB.open('sermphalang-outbox', 1);
    req.onsuccess = () => {
      const all = req.result.transaction('reports').objectStore('reports').getAll();
      all.onsuccess = () => resolve(all.result.map((r) => r.pairs.filter((p) => p[0] === 'photos').length));
    };
  }));
  assert.deepEqual(kept, [3], 'the report and its three photos are kept on the phone');

  // Back online: the phone sends what it kept, once.
  await phone.setOffline(false);
  const waiting = () => page.evaluate(() => new Promise((resolve) => {
    const req = indexedDB.open('sermphalang-outbox', 1);
    req.onsuccess = () => {
      const all = req.result.transaction('reports').objectStore('reports').count();
      all.onsuccess = () => resolve(all.result);
    };
  }));
  const deadline = Date.now() + 30000;
  while (await waiting() > 0) {
    assert.ok(Date.now() < deadline, 'the phone did not send the kept report within 30 s');
    await page.waitForTimeout(250);
  }
  await page.goto(`${base}/p/41/reports?network=religion&status=submitted`);
  await page.getByRole('link', { name: title }).click();
  await page.locator('h1 .rs-submitted').waitFor();
  const images = page.locator('.photo-grid img');
  assert.equal(await images.count(), 3);
  assert.equal(await images.first().getAttribute('loading'), 'lazy');
  assert.match(await images.first().getAttribute('srcset'), /display \d+w/);
  await page.screenshot({ path: join(shots, 'report-sent-360.png'), fullPage: true });
  const reportUrl = page.url();

  // The served photos carry no EXIF and no GPS position.
  for (let i = 0; i < 3; i += 1) {
    const src = await images.nth(i).getAttribute('src');
    for (const size of ['original', 'display', 'thumbnail']) {
      const r = await page.request.get(`${base}${src.replace('/thumbnail', `/${size}`)}`);
      assert.equal(r.status(), 200);
      assert.equal(r.headers()['x-content-type-options'], 'nosniff');
      const bytes = await r.body();
      assert.equal(bytes.indexOf(GPS_MARKER), -1, `${size} keeps the GPS position`);
      assert.equal(bytes.indexOf('Exif'), -1, `${size} keeps EXIF`);
    }
  }
  await phone.close();

  // The secretariat approves; the indicator's actual on the plan page moves by 37.
  await desk.goto(reportUrl);
  assert.deepEqual(await violations(desk), []);
  await desk.getByRole('button', { name: 'อนุมัติรายงาน' }).click();
  await desk.locator('h1 .rs-approved').waitFor();
  const after = await yearActual(desk);
  assert.equal(after, before + 37, `the year's actual went from ${before} to ${after}`);
  await desk.screenshot({ path: join(shots, 'plan-after-approval.png'), fullPage: true });
  await staff.close();
});

test('the plan and report pages have no accessibility violations', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, bypassCSP: true });
  const page = await context.newPage();
  await signIn(page, 'secretariat@demo.example', 'demo-secretariat-2565');
  await page.goto(`${base}/p/41/plans`);
  await page.locator('table.list a').first().click();
  const plan = new URL(page.url()).pathname;
  const found = {};
  const check = async (path) => {
    await page.goto(`${base}${path}`);
    const v = await violations(page);
    if (v.length) found[path] = v;
  };
  for (const path of ['/p/41/plans', plan, `${plan}/edit`, `${plan}/entries/new`, `${plan}/indicators/new`,
    '/p/41/reports', '/p/41/reports/new', '/p/41/plans/new', `${plan}/import`, '/p/41/virtues']) {
    await check(path);
  }
  await page.goto(`${base}${plan}`);
  await page.locator('.tree a').nth(3).click();
  await check(new URL(page.url()).pathname);
  await page.goto(`${base}${plan}`);
  await page.locator('table.progress tbody a').first().click();
  await check(new URL(page.url()).pathname + '?year=2568');
  await page.goto(`${base}/p/41/reports`);
  await page.locator('.report-list a').first().click();
  await check(new URL(page.url()).pathname);
  const national = await browser.newContext({ viewport: { width: 360, height: 720 }, bypassCSP: true });
  const staff = await national.newPage();
  await signIn(staff, 'national@demo.example', 'demo-national-2565', null);
  await staff.goto(`${base}/references`);
  const v = await violations(staff);
  if (v.length) found['/references'] = v;
  await national.close();
  assert.deepEqual(found, {});
  await context.close();
});
