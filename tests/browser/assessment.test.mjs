// A coordinator on a 360-px phone fills an organization's self-assessment, watches the live
// score, attaches a photo as evidence, is told what is missing, and submits; the secretariat
// assigns the working-group member, who sends the site-visit checklist from a phone; the
// secretariat awards the level, and the certificate's code verifies in public. axe checks
// every page on the way.
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
// A year the demo has no assessments in, so this test's unit is free.
const YEAR = '2571';
let browser;

before(async () => {
  assert.ok(base, 'SERMPHALANG_URL must name the running server');
  mkdirSync(shots, { recursive: true });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
});

after(async () => { await browser?.close(); });

async function phone() {
  // The CSP is bypassed only so that axe's script can be injected.
  return browser.newContext({ viewport: { width: 360, height: 740 }, bypassCSP: true, isMobile: true });
}

async function signIn(page, email, password) {
  await page.goto(`${base}/login`);
  await page.getByLabel('อีเมล').fill(email);
  await page.getByLabel('รหัสผ่าน').fill(password);
  await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

async function violations(page) {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
}

async function fitsAndPasses(page, name) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `${name} is wider than the phone by ${overflow}px`);
  assert.deepEqual(await violations(page), [], `${name} has accessibility violations`);
  await page.screenshot({ path: join(shots, `assessment-${name}.png`), fullPage: true });
}

async function photo(page) {
  const dataUrl = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 800; c.height = 600;
    const g = c.getContext('2d');
    g.fillStyle = '#8fb8de'; g.fillRect(0, 0, 800, 360);
    g.fillStyle = '#4b6b3a'; g.fillRect(0, 360, 800, 240);
    g.fillStyle = '#ffffff'; g.fillRect(250, 200, 300, 200);
    return c.toDataURL('image/jpeg', 0.85);
  });
  return Buffer.from(dataUrl.split(',')[1], 'base64');
}

test('a self-assessment with photo evidence is submitted, verified on a phone and awarded', async () => {
  const unitContext = await phone();
  const page = await unitContext.newPage();
  await signIn(page, 'coordinator@demo.example', 'demo-coordinator-2565');

  await page.goto(`${base}/p/41/assessments/new`);
  await fitsAndPasses(page, 'new');
  const criteria = await page.locator('#subject option', { hasText: 'องค์กร:' }).first().getAttribute('value');
  await page.getByLabel('เกณฑ์ที่ใช้ประเมิน').selectOption(criteria);
  const unit = page.locator('#unit optgroup').last().locator('option').first();
  const unitName = (await unit.textContent()).trim();
  await page.locator('#unit').selectOption({ label: unitName });
  await page.getByLabel('ปีงบประมาณ').fill(YEAR);
  await page.getByRole('button', { name: 'เริ่มประเมิน' }).click();
  await page.waitForURL(/\/p\/41\/assessments\/\d+$/);
  const url = page.url();
  const id = url.split('/').pop();
  assert.equal((await page.locator('h1').textContent()).includes(unitName), true);

  // Every item at its best answer: the live score reaches the top level before saving.
  const items = page.locator('fieldset.item');
  const count = await items.count();
  assert.ok(count >= 9, `the template has ${count} items`);
  for (let i = 0; i < count; i += 1) {
    const item = items.nth(i);
    const percent = item.locator('input[data-bands]');
    if (await percent.count()) await percent.fill('92');
    else await item.locator('input[type=radio]').first().check();
  }
  const live = page.locator('#live-score');
  await assert.doesNotReject(live.filter({ hasText: /18 \/ 18 คะแนน · องค์กรคุณธรรมต้นแบบ/ }).waitFor());
  await fitsAndPasses(page, 'fill');

  // Submitting without evidence is refused, naming each missing piece.
  await page.getByRole('button', { name: 'บันทึกและส่งให้คณะทำงาน' }).click();
  const alert = page.locator('.alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /ข้อ 1: ยังไม่มีหลักฐาน/);

  // A photo for every item that asks for evidence.
  const options = await page.locator('#ev-item option').allTextContents();
  const required = [];
  for (let i = 0; i < count; i += 1) {
    if (await items.nth(i).locator('.badge').count()) required.push(i);
  }
  assert.ok(required.length > 0);
  const jpeg = await photo(page);
  // A note typed but not saved survives attaching evidence.
  await page.locator('#n0').fill('ลงนามครบทุกคนในการประชุมประจำเดือน');
  for (const i of required) {
    await page.locator('#ev-item').selectOption({ label: options[i] });
    await page.locator('#ev-files').setInputFiles({ name: `evidence-${i}.jpg`, mimeType: 'image/jpeg', buffer: jpeg });
    await page.getByLabel('คำบรรยาย').fill('ภาพหลักฐาน');
    await page.getByRole('button', { name: 'แนบ', exact: true }).click();
    await page.waitForURL(new RegExp(`/p/41/assessments/${id}#item-${i + 1}$`));
  }
  assert.equal(await page.locator('ul.evidence img').count(), required.length);
  assert.equal(await page.locator('#n0').inputValue(), 'ลงนามครบทุกคนในการประชุมประจำเดือน');
  await page.getByRole('button', { name: 'บันทึกและส่งให้คณะทำงาน' }).click();
  await page.waitForURL(url);
  assert.match(await page.locator('h1 .rs').textContent(), /ส่งแล้ว/);
  await fitsAndPasses(page, 'submitted');
  await unitContext.close();

  // The secretariat assigns the working-group member.
  const officeContext = await browser.newContext({ viewport: { width: 1280, height: 720 }, bypassCSP: true });
  const office = await officeContext.newPage();
  await signIn(office, 'secretariat@demo.example', 'demo-secretariat-2565');
  await office.goto(url);
  await office.getByLabel(/คณะทำงานติดตามประเมินผล/).check();
  await office.getByRole('button', { name: 'บันทึกผู้ตรวจประเมิน' }).click();
  await office.waitForURL(url);
  assert.match(await office.locator('h1 .rs').textContent(), /กำลังตรวจประเมิน/);

  // The member's checklist on a phone: agrees with all but one item, which needs a reason.
  const visitContext = await phone();
  const visit = await visitContext.newPage();
  await signIn(visit, 'member@demo.example', 'demo-member-2565');
  await visit.goto(`${url}/visit`);
  await fitsAndPasses(visit, 'visit');
  const checklist = visit.locator('fieldset.item');
  const second = checklist.nth(1);
  await second.locator('input[type=radio]').nth(1).check();
  await visit.getByRole('button', { name: 'ส่งผลตรวจ' }).click();
  await visit.locator('.alert').waitFor();
  assert.match(await visit.locator('.alert').textContent(), /ข้อ 2: เปลี่ยนคะแนนแล้ว กรุณาระบุเหตุผล/);
  await visit.locator('fieldset.item').nth(1).locator('input[type=radio]').nth(1).check();
  await visit.locator('#c1').fill('ไม่พบบันทึกการประชุมครั้งที่สอง');

  // No signal at the site: the checklist stays on the phone and is sent once it is back online.
  await visitContext.setOffline(true);
  await visit.getByRole('button', { name: 'ส่งผลตรวจ' }).click();
  await visit.getByText('ยังไม่มีสัญญาณ: เก็บผลตรวจไว้ในเครื่องแล้ว').waitFor();
  const outbox = () => visit.evaluate(() => new Promise((resolve) => {
    const req = indexedDB.open('sermphalang-outbox', 1);
    req.onsuccess = () => {
      const all = req.result.transaction('reports').objectStore('reports').count();
      all.onsuccess = () => resolve(all.result);
    };
  }));
  assert.equal(await outbox(), 1, 'the checklist is kept on the phone');
  await office.goto(url);
  assert.match(await office.locator('h1 .rs').textContent(), /กำลังตรวจประเมิน/);
  assert.doesNotMatch(await office.locator('main').textContent(), /ไม่พบบันทึกการประชุมครั้งที่สอง/);
  await visitContext.setOffline(false);
  const deadline = Date.now() + 30000;
  while (await outbox() > 0) {
    assert.ok(Date.now() < deadline, 'the phone did not send the kept checklist within 30 s');
    await visit.waitForTimeout(250);
  }
  await visit.locator('#outbox').waitFor();
  assert.match(await visit.locator('#outbox').textContent(), /\(1\)/);
  await visitContext.close();

  // The award: 17 of 18 after verification is still the model level; the code verifies.
  await office.goto(url);
  assert.match(await office.locator('.grid2').textContent(), /17 \/ 18 คะแนน · องค์กรคุณธรรมต้นแบบ/);
  await office.getByRole('button', { name: 'รับรองระดับและออกเกียรติบัตร' }).click();
  await office.waitForURL(url);
  assert.match(await office.locator('h1 .rs').textContent(), /ได้รับการรับรอง/);
  const pdf = await office.request.get(`${url}/certificate.pdf`);
  assert.equal(pdf.status(), 200);
  assert.equal((await pdf.body()).subarray(0, 5).toString('latin1'), '%PDF-');
  const verifyHref = await office.getByRole('link', { name: 'ตรวจสอบเกียรติบัตร' }).getAttribute('href');
  await officeContext.close();

  const publicContext = await phone();
  const anyone = await publicContext.newPage();
  await anyone.goto(`${base}${verifyHref}`);
  assert.match(await anyone.locator('.verdict').textContent(), /ยังมีผล/);
  assert.match(await anyone.locator('.verify').textContent(), new RegExp(unitName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  assert.match(await anyone.locator('.verify').textContent(), /องค์กรคุณธรรมต้นแบบ/);
  await fitsAndPasses(anyone, 'verify');
  await publicContext.close();
});

test('last year\'s paper results are previewed row by row and imported whole on a phone', async () => {
  const context = await phone();
  const page = await context.newPage();
  await signIn(page, 'secretariat@demo.example', 'demo-secretariat-2565');
  await page.goto(`${base}/p/41/assessments`);
  await page.getByRole('link', { name: 'นำเข้าผลการประเมินบนกระดาษ' }).click();
  await page.waitForURL(/\/assessments\/import$/);
  await fitsAndPasses(page, 'import');

  // A district's paper result for a year it has none yet (the suite may run twice on one server).
  let year = 2566;
  for (; year > 2540; year -= 1) {
    const list = await (await page.request.get(`${base}/p/41/assessments?year=${year}&subject=district`)).text();
    if (!list.includes('อำเภอบ้านดุง')) break;
  }
  const csv = [
    'หน่วยที่รับการประเมิน,ประเภท,ปีงบประมาณ,ระดับที่ได้รับ,ข้อ 1,ข้อ 2,ข้อ 3,ข้อ 4,ข้อ 5,ข้อ 6,ข้อ 7,ข้อ 8,ข้อ 9',
    `อำเภอบ้านดุง,อำเภอ,${year},อำเภอคุณธรรม,60%,2,2,1,1,2,2,2,1`,
  ].join('\n');
  await page.locator('#file').setInputFiles({ name: `paper-${year}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'ตรวจไฟล์' }).click();
  await page.getByRole('button', { name: 'ยืนยันนำเข้า' }).waitFor();
  assert.match(await page.locator('.preview .success').textContent(), /1 ถึงระดับ/);
  await fitsAndPasses(page, 'import-preview');
  await page.getByRole('button', { name: 'ยืนยันนำเข้า' }).click();
  await page.waitForURL(/results=1/);
  assert.match(await page.locator('[role=status]').textContent(), /นำเข้าสำเร็จ: 1 ผลการประเมิน/);

  await page.goto(`${base}/p/41/assessments?year=${year}&subject=district`);
  await page.getByRole('link', { name: 'อำเภอบ้านดุง' }).click();
  assert.match(await page.locator('h1 .rs').textContent(), /ได้รับการรับรอง/);
  assert.match(await page.locator('main').textContent(), /ผลบนกระดาษ/);
  await fitsAndPasses(page, 'imported');

  // The province's export read back: the result just imported is recorded already, so nothing
  // is imported (the demo's own rows may still be loading: this one is certain).
  await page.goto(`${base}/p/41/assessments/import`);
  const exported = await page.request.get(`${base}/p/41/assessments/export.xlsx`);
  assert.equal(exported.status(), 200);
  await page.locator('#file').setInputFiles({
    name: 'assessments.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await exported.body(),
  });
  await page.getByRole('button', { name: 'ตรวจไฟล์' }).click();
  await page.locator('.preview').waitFor();
  assert.match(await page.locator('.preview .alert').textContent(), /แถวที่ต้องแก้ไข/);
  assert.match(await page.locator('.preview tbody').textContent(), /แล้ว \(ในระบบหรือแถวก่อนหน้า\)/);
  assert.equal(await page.getByRole('button', { name: 'ยืนยันนำเข้า' }).count(), 0);
  await fitsAndPasses(page, 'import-refused');
  await context.close();
});
