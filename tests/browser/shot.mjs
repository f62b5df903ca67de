// Ad-hoc screenshots for a person to look at: node shot.mjs BASE EMAIL PASSWORD OUT_DIR path...
import { chromium } from 'playwright-core';
const [base, email, password, out, ...paths] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
if (email) {
  await page.goto(`${base}/login`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('main button[type=submit]');
}
let i = 0;
for (const p of paths) {
  await page.goto(base + p);
  await page.screenshot({ path: `${out}/${String(i++).padStart(2, '0')}.png`, fullPage: true });
}
await browser.close();
