// Playwright gives each launch a fresh, empty profile. Runs against a server started by .ci/run (SERMPHALANG_URL) in Debian's Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const base = process.env.SERMPHALANG_URL;
const shots = process.env.SCREENSHOT_DIR || 'screenshots';
let browser;

before(async () => {
  assert.ok(base, 'SERMPHALANG_URL must name the running server');
  mkdirSync(shots, { recursive: true });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => { await browser?.close(); });

async function signIn(page) {
  await page.goto(`${base}/login`);
  await page.getByLabel('อีเมล').fill('secretariat@demo.example');
  await page.getByLabel('รหัสผ่าน').fill('demo-secretariat-2565');
  await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
  await page.waitForURL(`${base}/p/41`);
}

test('sign in and create an organization', async () => {
  const page = await browser.newPage();
  await signIn(page);
  await page.screenshot({ path: join(shots, 'province-th.png'), fullPage: true });
  await page.goto(`${base}/p/41/orgs/new`);
  await page.getByLabel('ชื่อหน่วยงาน').fill('ชมรมจิตอาสาบ้านเชียง');
  await page.getByLabel('ประเภท').selectOption('community');
  await page.getByLabel('ภาคชุมชน/ประชาสังคม').check();
  await page.getByLabel('อำเภอ').selectOption({ label: 'หนองหาน' });
  await page.getByRole('button', { name: 'บันทึก' }).click();
  await page.waitForURL(/\/p\/41\/orgs\/\d+$/);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'ชมรมจิตอาสาบ้านเชียง');
  await page.goto(`${base}/p/41/orgs`);
  await page.screenshot({ path: join(shots, 'organizations-th.png'), fullPage: true });
  const names = await page.locator('table.list tbody tr td:first-child').allInnerTexts();
  assert.ok(names.length > 10);
  const firstLeadingVowel = names.findIndex((n) => /^[เแโใไ]/.test(n));
  assert.ok(firstLeadingVowel > 0, 'names with leading vowels do not sort first');
  await page.close();
});

test('the font-size control changes the text size', async () => {
  const page = await browser.newPage();
  await signIn(page);
  const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('main p, main h1')).fontSize));
  const normal = await size();
  await page.getByRole('link', { name: 'ตัวอักษรใหญ่ขึ้น' }).click();
  const large = await size();
  assert.ok(large > normal * 1.1, `larger text: ${normal} -> ${large}`);
  await page.reload();
  assert.equal(await size(), large, 'the size is remembered');
  await page.getByRole('link', { name: 'ตัวอักษรเล็กลง' }).click();
  assert.ok((await size()) < normal, 'smaller text');
  await page.getByRole('link', { name: 'ตัวอักษรปกติ' }).click();
  await page.close();
});

test('a 360-px phone shows the list without sideways scrolling', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await signIn(page);
  await page.goto(`${base}/p/41/people`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page is ${overflow}px wider than the phone`);
  await page.screenshot({ path: join(shots, 'people-phone-th.png'), fullPage: false });
  await context.close();
});
