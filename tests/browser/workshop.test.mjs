// A live workshop in real Chromium: one projector page, three phones, the facilitator's console.
// Phones join by code and rate; the projector counts votes live over SSE without reloading;
// results stay hidden on phones until the facilitator reveals them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { openFollowUpRoom } from './rooms.mjs';

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

async function facilitator() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel('อีเมล').fill('secretariat@demo.example');
  await page.getByLabel('รหัสผ่าน').fill('demo-secretariat-2565');
  await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
  await page.waitForURL(`${base}/p/41`);
  return { context, page };
}

async function phone(code, name) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(`${base}/j`);
  await page.getByLabel('รหัสเข้าร่วม').fill(code);
  await page.getByRole('button', { name: 'ต่อไป' }).click();
  await page.locator('#display_name').fill(name);
  await page.getByLabel('ภาคีเครือข่ายของคุณ').selectOption('education');
  await page.locator('#consent').check();
  await page.getByRole('button', { name: 'เข้าร่วม', exact: true }).click();
  await page.waitForSelector('.scale');
  return { context, page };
}

test('phones vote, the projector updates live, the facilitator reveals', async () => {
  const { context, page: console_ } = await facilitator();

  // A follow-up of the demo's baseline starts at rating, with its six activities.
  const { cycleUrl, code } = await openFollowUpRoom(console_, base, 'ติดตามผลสด ทดสอบเบราว์เซอร์');
  assert.match(code, /^\d{6}$/);

  const projector = await context.newPage();
  await projector.goto(`${cycleUrl}/projector`);
  assert.equal((await projector.locator('.join-box .code').innerText()).trim(), code);
  assert.ok(await projector.locator('.join-box .qr svg').count() === 1, 'the projector shows a QR code');
  const firstCount = projector.locator('.rq').first().locator('.count');
  assert.equal(await firstCount.innerText(), '0');
  await projector.evaluate(() => { window.__notReloaded = true; });

  const phones = [];
  for (const [i, name] of ['ครูอรุณี', 'พระอาจารย์ธีร์', 'ผู้ใหญ่บุญมา'].entries()) {
    phones.push(await phone(code, name));
    assert.equal(await phones[i].page.locator('.rate').count(), 6, 'every chosen activity is there to rate');
  }
  for (const [i, p] of phones.entries()) {
    await p.page.locator('.rate').first().getByRole('button', { name: ['7', '8', '10'][i], exact: true }).click();
    await p.page.waitForSelector('.success');
  }
  await projector.waitForFunction(() => document.querySelector('.rq .count')?.textContent === '3', null, { timeout: 5000 });
  assert.ok(await projector.evaluate(() => window.__notReloaded), 'the projector updated without reloading');
  assert.equal(await projector.locator('.rq').first().locator('.figures').count(), 0, 'results stay hidden before the reveal');
  assert.equal(await phones[0].page.locator('.rate').first().locator('.hist').count(), 0, 'phones see no results yet');
  await projector.screenshot({ path: join(shots, 'workshop-projector-voting.png'), fullPage: true });
  await phones[0].page.screenshot({ path: join(shots, 'workshop-phone-rating.png'), fullPage: true });

  // A changed vote replaces the first one: 7, 8 and 10 become 7, 8 and 9, a mean of 8.0.
  await phones[2].page.locator('.rate').first().getByRole('button', { name: '9', exact: true }).click();
  await phones[2].page.waitForSelector('.success');

  await console_.locator('button[data-action=reveal]').click();
  await projector.waitForFunction(() => /8\.0/.test(document.querySelector('.rq .figures')?.textContent || ''), null, { timeout: 5000 });
  await phones[1].page.waitForSelector('.rate .hist', { timeout: 8000 });
  assert.match(await phones[1].page.locator('.rate').first().innerText(), /8\.0/);
  await projector.screenshot({ path: join(shots, 'workshop-projector-revealed.png'), fullPage: true });
  // The projector fits the screens of Thai meeting rooms: every card visible without
  // scrolling, the activity's name the largest text on each card.
  for (const [width, height] of [[1280, 720], [1024, 768]]) {
    await projector.setViewportSize({ width, height });
    const fit = await projector.evaluate(() => {
      const size = (el) => parseFloat(getComputedStyle(el).fontSize);
      const cards = [...document.querySelectorAll('.rq')];
      return {
        scroll: document.documentElement.scrollHeight - window.innerHeight,
        cut: cards.filter((c) => c.getBoundingClientRect().bottom > window.innerHeight + 1).length,
        cards: cards.length,
        smallerName: cards.filter((c) => [...c.querySelectorAll('p, span, strong')]
          .some((t) => size(t) >= size(c.querySelector('h3')))).length,
      };
    });
    assert.equal(fit.cards, 6);
    assert.equal(fit.cut, 0, `${fit.cut} cards cut off at ${width}×${height}`);
    assert.ok(fit.scroll <= 1, `the projector scrolls ${fit.scroll}px at ${width}×${height}`);
    assert.equal(fit.smallerName, 0, `activity names not the largest text at ${width}×${height}`);
    await projector.screenshot({ path: join(shots, `workshop-projector-${width}x${height}.png`) });
  }
  await phones[1].page.screenshot({ path: join(shots, 'workshop-phone-revealed.png'), fullPage: true });
  await console_.screenshot({ path: join(shots, 'workshop-console.png'), fullPage: true });

  // A closed question refuses a vote with 409.
  const question = await phones[0].page.locator('.rate input[name=question]').first().inputValue();
  const csrf = (await phones[0].context.cookies()).find((c) => c.name === 'sp_csrf').value;
  await console_.locator('button[data-action=close]').click();
  await console_.waitForSelector('.rq.closed');
  const late = await phones[0].page.request.post(`${base}/j/${code}/answer`, {
    form: { question, kind: 'rating', rating: '5', _csrf: csrf },
  });
  assert.equal(late.status(), 409, 'a vote on a closed question');
  assert.match(await late.text(), /ปิดแล้ว/);

  await console_.getByRole('button', { name: 'จบการประชุมสด' }).click();
  const late_comer = await phones[0].context.newPage();
  const expired = await late_comer.goto(`${base}/j/${code}`);
  assert.equal(expired.status(), 404);
  assert.match(await late_comer.locator('.alert').innerText(), /หมดอายุ/);
  for (const p of phones) await p.context.close();
  await context.close();
});
