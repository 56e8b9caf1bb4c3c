import { chromium } from 'playwright-core';
const [file, out, width, scheme, maxParts] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'] });
const page = await browser.newPage({ viewport: { width: Number(width), height: 1400 } });
if (scheme && scheme !== '-') await page.emulateMedia({ colorScheme: scheme });
await page.goto('file://' + file);
const h = await page.evaluate(() => document.documentElement.scrollHeight);
const sw = await page.evaluate(() => document.documentElement.scrollWidth);
console.log('height', h, 'scrollWidth', sw);
const step = 1400;
let n = 0;
for (let y = 0; y < h && n < Number(maxParts ?? 40); y += step, n++) {
  await page.screenshot({ path: `${out}-${n}.png`, clip: { x: 0, y, width: Number(width), height: Math.min(step, h - y) }, fullPage: true });
}
console.log('parts', n);
await browser.close();
