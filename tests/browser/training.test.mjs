// Trainings in real Chromium: a person registers on a phone and gets a QR ticket; staff at the
// door scan it with the phone's camera (a fake camera showing that ticket), find a second
// person by name while offline and sync later, and see a second scan reported. Then the demo
// workshop's 40 certificates are downloaded as a ZIP and each is verified through its QR code.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const base = process.env.SERMPHALANG_URL;
const shots = process.env.SCREENSHOT_DIR || 'screenshots';
const work = mkdtempSync(join(tmpdir(), 'sp-training-'));
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
let browser;

before(async () => {
  assert.ok(base, 'SERMPHALANG_URL must name the running server');
  mkdirSync(shots, { recursive: true });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
});

after(async () => { await browser?.close(); });

async function signIn(b, email, password, phone = false) {
  const context = await b.newContext(phone
    ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }
    : { viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel('อีเมล').fill(email);
  await page.getByLabel('รหัสผ่าน').fill(password);
  await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
  await page.waitForURL(/\/p\/41$|\/$/);
  return { context, page };
}

// A camera recording for Chromium's fake capture device: the QR code's grey pixels, centred
// on a white 640×480 picture, as YUV 4:2:0 frames.
function y4m(luma, side) {
  const [w, h] = [640, 480];
  const y = Buffer.alloc(w * h, 235);
  const left = (w - side) >> 1;
  const top = (h - side) >> 1;
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) y[(top + r) * w + left + c] = luma[r * side + c];
  }
  const chroma = Buffer.alloc((w / 2) * (h / 2), 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${w} H${h} F10:1 Ip A1:1 C420jpeg\n`);
  return Buffer.concat([header, ...Array(10).fill(frame)]);
}

async function registerOnPhone(eventUrl, first, phoneNumber) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(eventUrl);
  await page.getByLabel('คำนำหน้าชื่อ').fill('นางสาว');
  await page.getByLabel('ชื่อ', { exact: true }).fill(first);
  await page.getByLabel('นามสกุล', { exact: true }).fill('ก๋วยเตี๋ยวทอง');
  await page.getByLabel('หน่วยงาน', { exact: true }).fill('โรงเรียนอุดรพิชัยรักษ์พิทยา');
  await page.getByLabel('ภาคีเครือข่าย', { exact: true }).selectOption('education');
  await page.getByLabel('โทรศัพท์', { exact: true }).fill(phoneNumber);
  await page.locator('#consent').check();
  return { context, page };
}

test('register on a phone, scan the ticket at the door, check in offline, sync', async () => {
  const staff = await signIn(browser, 'secretariat@demo.example', 'demo-secretariat-2565');
  await staff.page.goto(`${base}/p/41/events/new`);
  await staff.page.getByLabel('ชื่องาน').fill('อบรมเยาวชนจิตอาสาทำความดี ครั้งที่ 1');
  await staff.page.getByLabel('สถานที่').fill('หอประชุมอำเภอเมืองอุดรธานี');
  await staff.page.getByLabel('จำนวนที่รับ').fill('40');
  await staff.page.getByLabel('วันที่ 1', { exact: true }).fill('18/2/2580');
  await staff.page.getByLabel('เริ่ม 1', { exact: true }).fill('09:00');
  await staff.page.getByLabel('สิ้นสุด 1', { exact: true }).fill('12:00');
  await staff.page.getByLabel('ชื่อช่วง 1', { exact: true }).fill('ภาคเช้า');
  // Organizers: found by typing, ticked from the keyboard, no mouse and no Ctrl-click.
  const find = staff.page.getByLabel('ค้นหาหน่วยงาน');
  await find.fill('วัฒนธรรมจังหวัด');
  assert.equal(await staff.page.locator('#organizer-list li:not([hidden])').count(), 1);
  await find.press('Enter');
  assert.ok(staff.page.url().endsWith('/events/new'), 'Enter in the search box does not send the form');
  await find.fill('เทศบาลนคร');
  await staff.page.keyboard.press('Tab');
  await staff.page.keyboard.press('Space');
  assert.match(await staff.page.locator('[data-picker-count]').innerText(), /เลือกไว้ 2/);
  await staff.page.screenshot({ path: join(shots, 'training-organizer-picker.png') });
  await staff.page.getByRole('button', { name: 'บันทึก' }).click();
  await staff.page.waitForURL(/\/p\/41\/events\/\d+$/);
  const eventId = staff.page.url().split('/').pop();
  const organizers = await staff.page.locator('dt:text("หน่วยงานผู้จัด") + dd').innerText();
  assert.match(organizers, /สำนักงานวัฒนธรรมจังหวัดอุดรธานี/);
  assert.match(organizers, /เทศบาลนครอุดรธานี/);
  const eventUrl = await staff.page.locator('.qr-row a').getAttribute('href');
  assert.match(eventUrl, new RegExp(`/events/${eventId}$`));

  const a = await registerOnPhone(eventUrl, 'ฤทัย', '081-234-5678');
  await a.page.screenshot({ path: join(shots, 'training-register-phone.png'), fullPage: true });
  await a.page.getByRole('button', { name: 'ลงทะเบียน', exact: true }).click();
  await a.page.waitForURL(/\/t\/[0-9A-Z]{16}$/);
  const ticket = a.page.url().split('/').pop();
  assert.match(await a.page.locator('.ticket').innerText(), /นางสาวฤทัย ก๋วยเตี๋ยวทอง/);
  await a.page.screenshot({ path: join(shots, 'training-ticket-phone.png'), fullPage: true });
  // On a 360-px phone with the largest text, the ticket code breaks only between its groups.
  await a.page.setViewportSize({ width: 360, height: 720 });
  await a.page.goto(`${base}/font/large?next=/t/${ticket}`);
  assert.equal(await a.page.locator('.ticket .code .group').count(), 4);
  const split = await a.page.evaluate(() => [...document.querySelectorAll('.ticket .code .group')]
    .filter((g) => g.getClientRects().length > 1).length);
  assert.equal(split, 0, 'a group of four broken across lines');
  await a.page.screenshot({ path: join(shots, 'training-ticket-360-large.png'), fullPage: true });
  await a.page.goto(`${base}/font/normal?next=/t/${ticket}`);
  await a.page.setViewportSize({ width: 390, height: 844 });

  // The same person and phone again is recognised.
  const again = await registerOnPhone(eventUrl, 'ฤทัย', '0812345678');
  await again.page.getByRole('button', { name: 'ลงทะเบียน', exact: true }).click();
  assert.match(await again.page.locator('.alert').last().innerText(), /ลงทะเบียนงานนี้ไว้แล้ว/);
  await again.context.close();
  const b = await registerOnPhone(eventUrl, 'กิ๊บ', '081-000-0002');
  await b.page.getByRole('button', { name: 'ลงทะเบียน', exact: true }).click();
  await b.page.waitForURL(/\/t\//);

  // The ticket's QR code as grey pixels, drawn by the browser from the page's own SVG.
  const side = 300;
  const luma = await a.page.evaluate(async (side) => {
    const svg = document.querySelector('.ticket-qr svg').outerHTML;
    const img = new Image();
    img.src = 'data:image/svg+xml;base64,' + btoa(svg);
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = side; canvas.height = side;
    const g = canvas.getContext('2d');
    g.fillStyle = '#fff'; g.fillRect(0, 0, side, side);
    g.drawImage(img, 0, 0, side, side);
    const data = g.getImageData(0, 0, side, side).data;
    const out = [];
    for (let i = 0; i < data.length; i += 4) out.push(data[i] < 128 ? 16 : 235);
    return out;
  }, side);
  const video = join(work, 'ticket.y4m');
  writeFileSync(video, y4m(luma, side));

  // The door: a staff phone whose camera sees the ticket.
  const cameraBrowser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [...ARGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`],
  });
  try {
    const door = await signIn(cameraBrowser, 'member@demo.example', 'demo-member-2565', true);
    await door.context.grantPermissions(['camera'], { origin: base });
    await door.page.goto(`${base}/p/41/events/${eventId}/checkin`);
    await door.page.waitForFunction(() => /0 \/ 2/.test(document.querySelector('[data-net]')?.textContent || ''));
    // Before the camera starts there is no black box; the scanner comes first on the phone,
    // and the walk-in's consent is left for the person to tick.
    assert.equal(await door.page.locator('[data-video]').isVisible(), false, 'no empty video box');
    assert.equal(await door.page.locator('#consent').isChecked(), false, 'consent not ticked in advance');
    await door.page.setViewportSize({ width: 360, height: 720 });
    await door.page.screenshot({ path: join(shots, 'training-checkin-360.png') });
    const camera = await door.page.getByRole('button', { name: 'เปิดกล้อง' }).boundingBox();
    assert.ok(camera && camera.y + camera.height < 720, `the camera button ends at y=${camera && camera.y + camera.height} on a 360×720 screen`);
    await door.page.setViewportSize({ width: 390, height: 844 });
    await door.page.getByRole('button', { name: 'เปิดกล้อง' }).click();
    await door.page.waitForFunction(() => /ลงทะเบียนแล้ว: นางสาวฤทัย/.test(document.querySelector('[data-result]')?.textContent || ''), null, { timeout: 20000 });
    await door.page.screenshot({ path: join(shots, 'training-checkin-camera.png'), fullPage: true });

    // Offline: found by name, kept on the phone, sent when the network is back.
    await door.context.setOffline(true);
    await door.page.evaluate(() => window.dispatchEvent(new Event('offline')));
    await door.page.getByLabel('ชื่อ หน่วยงาน หรือลำดับที่').fill('กิ๊บ');
    await door.page.locator('[data-matches] button', { hasText: 'กิ๊บ' }).click();
    await door.page.waitForFunction(() => /รอส่ง 1/.test(document.querySelector('[data-net]')?.textContent || ''));
    assert.match(await door.page.locator('[data-net]').innerText(), /ออฟไลน์/);
    await door.page.screenshot({ path: join(shots, 'training-checkin-offline.png'), fullPage: true });
    await door.context.setOffline(false);
    await door.page.evaluate(() => window.dispatchEvent(new Event('online')));
    await door.page.waitForFunction(() => !/รอส่ง/.test(document.querySelector('[data-net]')?.textContent || '') && /2 \/ 2/.test(document.querySelector('[data-net]')?.textContent || ''));

    // A second look at the same person is reported, not counted.
    await door.page.getByLabel('ชื่อ หน่วยงาน หรือลำดับที่').fill('ฤทัย');
    await door.page.locator('[data-matches] button', { hasText: 'ฤทัย' }).click();
    assert.match(await door.page.locator('[data-result]').innerText(), /ลงทะเบียนช่วงนี้ไปแล้ว/);
    await door.context.close();
  } finally {
    await cameraBrowser.close();
  }

  // The server counted each once.
  await staff.page.goto(`${base}/p/41/events/${eventId}`);
  const rows = await staff.page.locator('#registrations ~ .tablewrap tbody tr').allInnerTexts();
  assert.equal(rows.filter((r) => /1 \/ 1/.test(r)).length, 2, rows.join('\n'));
  await a.context.close();
  await b.context.close();
  await staff.context.close();
});

// The entries of a ZIP whose files are stored uncompressed, read from its central directory.
function unzip(buffer) {
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const files = [];
  for (let i = 0; i < count; i++) {
    const size = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extra = buffer.readUInt16LE(at + 30);
    const comment = buffer.readUInt16LE(at + 32);
    const local = buffer.readUInt32LE(at + 42);
    const name = buffer.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    files.push({ name, data: buffer.subarray(start, start + size) });
    at += 46 + nameLength + extra + comment;
  }
  return files;
}

test('the demo workshop\'s 40 certificates: ZIP, then each verified by its QR code', async () => {
  const staff = await signIn(browser, 'secretariat@demo.example', 'demo-secretariat-2565');
  await staff.page.goto(`${base}/p/41/events`);
  await staff.page.getByRole('link', { name: /การประชุมเชิงปฏิบัติการประเมินผลแบบเสริมพลัง/ }).click();
  await staff.page.locator('.head .actions').getByRole('link', { name: 'เกียรติบัตร', exact: true }).click();
  // The demo issues its certificates in the background once the server is up.
  for (let i = 0; i < 120 && !/ออกแล้ว 40/.test(await staff.page.locator('.card').first().innerText()); i++) {
    await staff.page.waitForTimeout(500);
    await staff.page.reload();
  }
  assert.match(await staff.page.locator('.card').first().innerText(), /ออกแล้ว 40/);
  await staff.page.screenshot({ path: join(shots, 'training-certificates.png'), fullPage: true });
  const [download] = await Promise.all([
    staff.page.waitForEvent('download'),
    staff.page.getByRole('link', { name: 'ดาวน์โหลดทั้งหมด (ZIP)' }).click(),
  ]);
  const zipPath = join(work, 'certificates.zip');
  await download.saveAs(zipPath);
  const files = unzip(execFileSync('cat', [zipPath], { maxBuffer: 64 << 20 }));
  assert.equal(files.length, 40);

  const api = staff.page.url().replace('/p/41/events/', '/api/v1/provinces/41/events/').replace(/\/certificates$/, '');
  const csrf = await staff.page.locator('input[name=_csrf]').first().inputValue();
  const visitor = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
  const phone = await visitor.newPage();
  for (const [i, file] of files.entries()) {
    assert.ok(file.data.subarray(0, 5).toString() === '%PDF-', file.name);
    const pdf = join(work, `c${i}.pdf`);
    writeFileSync(pdf, file.data);
    // As a phone camera would see it: the corner of the page with the QR code, at 200 dpi.
    execFileSync('pdftoppm', ['-png', '-r', '200', '-x', '1900', '-y', '1230', '-W', '400', '-H', '400',
      '-singlefile', pdf, join(work, `c${i}`)]);
    const png = execFileSync('cat', [join(work, `c${i}.png`)], { maxBuffer: 64 << 20 });
    const decoded = await staff.page.request.post(`${api}/decode`, {
      headers: { 'content-type': 'image/png', 'x-csrf-token': csrf }, data: png,
    });
    assert.equal(decoded.status(), 200);
    const { text } = await decoded.json();
    assert.ok(text && text.startsWith(`${base}/verify/`), `${file.name}: QR read as ${text}`);
    await phone.goto(text);
    const shown = await phone.locator('.verify').innerText();
    const name = file.name.replace(/^\d{4} /, '').replace(/\.pdf$/, '');
    assert.ok(shown.includes(name), `${file.name}: the verify page names ${name}`);
    assert.match(shown, /ยังมีผล/);
    if (i === 0) await phone.screenshot({ path: join(shots, 'training-verify-phone.png'), fullPage: true });
  }
  await visitor.close();
  await staff.context.close();
});

test('a certificate template that never ends is stopped and named in Thai, and nothing is saved', async () => {
  const staff = await signIn(browser, 'secretariat@demo.example', 'demo-secretariat-2565');
  const { page } = staff;
  await page.goto(`${base}/p/41/certificate-template`);
  const before = await page.locator('#source').inputValue();
  await page.locator('#source').fill('#for i in range(1000000) [#i #pagebreak()]\n');
  const started = Date.now();
  await page.getByRole('button', { name: 'บันทึก', exact: true }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor({ timeout: 30000 });
  const took = Date.now() - started;
  const message = await alert.innerText();
  // Whichever limit it reaches first: ten seconds, or 1024 MB of memory.
  assert.match(message, /แม่แบบใช้(เวลาสร้างเกียรติบัตรหนึ่งฉบับเกิน 10 วินาที|หน่วยความจำเกิน 1024 MB)/);
  assert.ok(took < 25000, `the answer took ${took} ms`);
  await page.screenshot({ path: `${shots}/template-stopped-1280.png` });
  await page.goto(`${base}/p/41/certificate-template`);
  assert.equal(await page.locator('#source').inputValue(), before);
  await staff.context.close();
});
