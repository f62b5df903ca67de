// Accessibility in real Chromium: axe-core (from npm, injected at run time) checks the pages
// people use most, signed in and in public, in Thai; and the sign-in page fits a 360-px phone.
// The contexts bypass the content security policy only so that axe's script can be injected.
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
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
  return result;
}

test('the sign-in page fits a 360-px phone and has no accessibility violations', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 720 }, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the sign-in page is ${overflow}px wider than the phone`);
  await page.screenshot({ path: join(shots, 'login-360.png'), fullPage: true });
  assert.deepEqual(await violations(page), []);
  await context.close();
});

test('the most used pages have no accessibility violations', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel('อีเมล').fill('secretariat@demo.example');
  await page.getByLabel('รหัสผ่าน').fill('demo-secretariat-2565');
  await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
  await page.waitForURL(`${base}/p/41`);
  const pages = ['/p/41', '/p/41/orgs', '/p/41/people', '/p/41/groups', '/p/41/cycles',
    '/p/41/events', '/p/41/events/new', '/p/41/accounts', '/p/41/audit', '/verify', '/verify/0000-0000-0000-0000', '/no-such-page',
    '/p/41/cycles/1?tab=planning', '/p/41/cycles/1/plans/new', '/p/41/events/1/certificates',
    '/events/2'];
  await page.goto(`${base}/p/41/events/1/certificates`);
  const certificate = await page.locator('a[href*="/certificates/"]').evaluateAll(
    (links) => links.map((a) => new URL(a.href).pathname).find((p) => /\/certificates\/\d+$/.test(p)));
  assert.ok(certificate, 'the list links a certificate of its own page');
  pages.push(certificate);
  const found = {};
  for (const path of pages) {
    await page.goto(`${base}${path}`);
    const v = await violations(page);
    if (v.length) found[path] = v;
  }
  await page.goto(`${base}/p/41/orgs`);
  await page.screenshot({ path: join(shots, 'orgs-current-section.png') });
  assert.deepEqual(found, {});
  await context.close();
});
