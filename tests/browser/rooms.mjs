// A follow-up of the demo's baseline cycle at the rating step, opened as a live room from the
// facilitator's console: its address and join code. Shared by the workshop suites.
export async function openFollowUpRoom(console_, base, name) {
  await console_.goto(`${base}/p/41/cycles/new`);
  await console_.getByLabel('ชื่อรอบการประเมิน').fill(name);
  await console_.getByLabel('ปีงบประมาณ').fill('2567');
  await console_.getByLabel('รอบฐาน').selectOption({ index: 2 });
  await console_.getByRole('button', { name: 'บันทึก' }).click();
  await console_.waitForURL(/\/p\/41\/cycles\/\d+/);
  const cycleUrl = console_.url().split('?')[0];
  await console_.getByRole('link', { name: 'ห้องควบคุมการประชุมสด' }).click();
  await console_.getByRole('button', { name: 'เริ่มการประชุมสด' }).click();
  const code = (await console_.locator('.live-on .code').innerText()).trim();
  await console_.locator('button[data-action=open]').click();
  await console_.waitForSelector('.rq.open');
  return { cycleUrl, code };
}
