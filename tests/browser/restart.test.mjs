// A server killed in the middle of a workshop (kill -9) and started again: the projector and
// the phones reconnect by themselves, and every acknowledged vote is still there. This suite
// runs its own server from SERMPHALANG_BIN, since it must kill it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { openFollowUpRoom } from './rooms.mjs';

const bin = process.env.SERMPHALANG_BIN;
const port = 18600 + Math.floor(Math.random() * 300);
const base = `http://127.0.0.1:${port}`;
const data = mkdtempSync(join(tmpdir(), 'sp-restart-'));
let browser;
let server;

function start() {
  server = spawn(bin, ['demo', '--data', data, '--addr', `127.0.0.1:${port}`], { stdio: 'ignore' });
}

async function healthy(up) {
  for (let i = 0; i < 120; i++) {
    const ok = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
    if (ok === up) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not ${up ? 'come up' : 'go down'}`);
}

before(async () => {
  assert.ok(bin, 'SERMPHALANG_BIN must name the server binary: this suite starts and kills its own server');
  start();
  await healthy(true);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
});

after(async () => {
  await browser?.close();
  server?.kill('SIGKILL');
});

test('after kill -9 and a restart, the projector and the phones carry on by themselves', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const console_ = await context.newPage();
  await console_.goto(`${base}/login`);
  await console_.getByLabel('อีเมล').fill('secretariat@demo.example');
  await console_.getByLabel('รหัสผ่าน').fill('demo-secretariat-2565');
  await console_.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
  await console_.waitForURL(`${base}/p/41`);
  const { cycleUrl, code } = await openFollowUpRoom(console_, base, 'ติดตามผล ทดสอบเริ่มระบบใหม่');

  const projector = await context.newPage();
  await projector.goto(`${cycleUrl}/projector`);
  await projector.evaluate(() => { window.__notReloaded = true; });

  const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
  const phone = await phoneContext.newPage();
  await phone.goto(`${base}/j/${code}`);
  await phone.locator('#display_name').fill('ครูสมใจ');
  await phone.locator('#consent').check();
  await phone.getByRole('button', { name: 'เข้าร่วม', exact: true }).click();
  await phone.waitForSelector('.scale');
  await phone.locator('.rate').first().getByRole('button', { name: '8', exact: true }).click();
  await phone.waitForSelector('.success');
  await projector.waitForFunction(() => document.querySelector('.rq .count')?.textContent === '1', null, { timeout: 5000 });

  server.kill('SIGKILL');
  await healthy(false);
  // Behind a reverse proxy a restarting server answers 502 for a while, and a browser's
  // stream gives up for good on an error answer: the page must open a new one itself.
  const proxy = createServer((_, res) => { res.writeHead(502); res.end('Bad Gateway'); });
  await new Promise((r) => proxy.listen(port, '127.0.0.1', r));
  await new Promise((r) => setTimeout(r, 4000));
  await new Promise((r) => { proxy.close(r); proxy.closeAllConnections(); });
  start();
  await healthy(true);

  // Another phone answers through the API after the restart; the projector shows it
  // without anyone touching it, and the vote from before the crash is still counted.
  const joined = await fetch(`${base}/api/v1/live/${code}/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ display_name: 'ผู้ใหญ่มานพ', network: 'community', consent: true }),
  }).then((r) => r.json());
  const question = Number(await phone.locator('.rate input[name=question]').first().inputValue());
  const voted = await fetch(`${base}/api/v1/live/${code}/votes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${joined.token}` },
    body: JSON.stringify({ question, kind: 'rating', rating: '6' }),
  });
  assert.equal(voted.status, 200);
  await projector.waitForFunction(() => document.querySelector('.rq .count')?.textContent === '2', null, { timeout: 20000 });
  assert.ok(await projector.evaluate(() => window.__notReloaded), 'the projector reconnected without reloading');

  // The facilitator reveals: the phone, reconnected, moves on by itself.
  await console_.locator('button[data-action=reveal]').click();
  await phone.waitForSelector('.rate .hist', { timeout: 20000 });
  assert.match(await phone.locator('.rate').first().innerText(), /7\.0/, 'the mean of 8 and 6');
});
