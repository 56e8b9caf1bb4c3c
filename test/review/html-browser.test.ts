import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { reviewHtml } from '../../src/report/review/html.js';
import { acmeReview } from './acme-review.js';
import { sampleReview } from './sample-review.js';

/*
 * The review page in a real browser: Debian's chromium, headless, driven by playwright-core (which downloads no
 * browser), as test/catalog/html-browser.test.ts. Skipped, with a warning and a suite name that say so, on a machine
 * without /usr/bin/chromium; ITSM_TEST_CHROMIUM points at another binary. With ITSM_REVIEW_SHOTS set, screenshots of
 * the page at both widths and in dark mode are written to that folder (or /tmp/h4-shots) for a person to look at.
 * The hand-written sample holds every edge (a zero month, gaps, n < 5); the review of examples/acme is a real page
 * (17 services, 145 targets, monthly and quarterly windows), where long tables and crowded charts show.
 */
const CHROMIUM = process.env.ITSM_TEST_CHROMIUM ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`SKIPPED the headless-browser tests of the HTML review: ${CHROMIUM} is not installed (apt-get install chromium).`);
const title = hasChromium
  ? 'review: html in headless chromium'
  : `review: html in headless chromium — SKIPPED: ${CHROMIUM} is not installed (apt-get install chromium; CI installs it)`;
const SHOTS = process.env.ITSM_REVIEW_SHOTS === undefined ? null : process.env.ITSM_REVIEW_SHOTS === '' || process.env.ITSM_REVIEW_SHOTS === '1' ? '/tmp/h4-shots' : process.env.ITSM_REVIEW_SHOTS;

describe.skipIf(!hasChromium)(title, () => {
  let browser: Browser;
  let dir: string | undefined;
  let url: string;
  let acmeUrl: string;

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    dir = mkdtempSync(join(tmpdir(), 'itsm-review-html-'));
    const file = join(dir, 'review.html');
    writeFileSync(file, reviewHtml(sampleReview()));
    url = pathToFileURL(file).href;
    const acme = join(dir, 'acme.html');
    writeFileSync(acme, reviewHtml(acmeReview()));
    acmeUrl = pathToFileURL(acme).href;
    if (SHOTS !== null) mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  /** A fresh page at `width`, with what it logged and requested. */
  async function open(width: number, colorScheme: 'light' | 'dark' = 'light', address = url): Promise<{ page: Page; problems: string[]; requests: string[] }> {
    const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(address, { waitUntil: 'load' });
    return { page, problems, requests };
  }

  for (const width of [1280, 390]) {
    it(`at ${width} px wide: nothing overflows the page, no errors, nothing loaded but the file`, async () => {
      const { page, problems, requests } = await open(width);
      const scrollWidth = await page.evaluate<number>('document.documentElement.scrollWidth');
      expect(scrollWidth).toBeLessThanOrEqual(width);
      // Every chart is drawn with a real size, inside the page.
      const boxes = await page.$$eval('svg.chart', (svgs) => svgs.map((s) => s.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right, width: r.width })));
      expect(boxes.length).toBeGreaterThan(5);
      for (const box of boxes) {
        expect(box.width).toBeGreaterThan(200);
        expect(box.left).toBeGreaterThanOrEqual(0);
        expect(box.right).toBeLessThanOrEqual(width);
      }
      if (SHOTS !== null) await page.screenshot({ path: join(SHOTS, `review-${width}.png`), fullPage: true });
      expect(problems).toEqual([]);
      expect(requests).toEqual([url]);
      await page.close();
    });
  }

  for (const width of [1280, 390]) {
    it(`acme's review at ${width} px wide: nothing overflows the page, no errors, the first column stays in view`, async () => {
      const { page, problems, requests } = await open(width, 'light', acmeUrl);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
      const boxes = await page.$$eval('svg.chart', (svgs) => svgs.map((s) => s.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right })));
      for (const box of boxes) {
        expect(box.left).toBeGreaterThanOrEqual(0);
        expect(box.right).toBeLessThanOrEqual(width);
      }
      // Scrolled sideways, the compliance table keeps its first column at the left of its box.
      const sticky = await page.$eval('table.compliance', (t) => {
        const wrap = t.parentElement!;
        wrap.scrollLeft = wrap.scrollWidth;
        const cell = t.querySelector('tbody th[scope=row]')!;
        return { scrolled: wrap.scrollLeft, cell: cell.getBoundingClientRect().left, box: wrap.getBoundingClientRect().left };
      });
      if (sticky.scrolled > 0) expect(Math.abs(sticky.cell - sticky.box)).toBeLessThan(2);
      if (SHOTS !== null) {
        await page.screenshot({ path: join(SHOTS, `acme-${width}.png`), fullPage: true });
        const dark = await open(width, 'dark', acmeUrl);
        await dark.page.screenshot({ path: join(SHOTS, `acme-${width}-dark.png`), fullPage: true });
        await dark.page.close();
      }
      expect(problems).toEqual([]);
      expect(requests).toEqual([acmeUrl]);
      await page.close();
    });
  }

  it('draws every chart with both axes, and a legend where it has several series', async () => {
    const { page } = await open(1280);
    const charts = await page.$$eval('svg.chart', (svgs) =>
      svgs.map((svg) => ({
        id: svg.id,
        title: svg.querySelector(':scope > title')?.textContent ?? '',
        xAxis: svg.querySelectorAll('.axis.axis-x').length,
        yAxis: svg.querySelectorAll('.axis.axis-y').length,
        yTitle: svg.querySelector('.axis-y .axis-title')?.textContent ?? '',
        xTitle: svg.querySelector('.axis-x .axis-title')?.textContent ?? '',
        series: new Set([...svg.querySelectorAll('[data-series]')].map((e) => e.getAttribute('data-series'))).size,
        legend: svg.querySelectorAll('.legend .legend-item').length,
        // The axes are drawn: the y axis's labels have a size.
        yLabelHeight: svg.querySelector('.axis-y text')?.getBoundingClientRect().height ?? 0,
      })),
    );
    for (const chart of charts) {
      expect(chart.title, chart.id).not.toBe('');
      expect(chart.xAxis, chart.id).toBe(1);
      expect(chart.yAxis, chart.id).toBe(1);
      expect(chart.yTitle, chart.id).not.toBe('');
      expect(chart.xTitle, chart.id).not.toBe('');
      expect(chart.yLabelHeight, chart.id).toBeGreaterThan(5);
      if (chart.series > 1) expect(chart.legend, chart.id).toBeGreaterThanOrEqual(chart.series);
    }
    await page.close();
  });

  it('follows the dark mode of the reader: another background, and the charts’ text in a light colour', async () => {
    const light = await open(1280, 'light');
    const dark = await open(1280, 'dark');
    const colours = (page: Page) =>
      page.evaluate<{ background: string; axisTitle: string }>(
        `({ background: getComputedStyle(document.body).backgroundColor, axisTitle: getComputedStyle(document.querySelector('svg.chart .axis-title')).fill })`,
      );
    const l = await colours(light.page);
    const d = await colours(dark.page);
    expect(d.background).not.toBe(l.background);
    expect(d.axisTitle).not.toBe(l.axisTitle);
    if (SHOTS !== null) await dark.page.screenshot({ path: join(SHOTS, 'review-dark.png'), fullPage: true });
    const mobileDark = await open(390, 'dark');
    if (SHOTS !== null) await mobileDark.page.screenshot({ path: join(SHOTS, 'review-390-dark.png'), fullPage: true });
    expect(dark.problems).toEqual([]);
    await Promise.all([light.page.close(), dark.page.close(), mobileDark.page.close()]);
  });

  it('prints to an A4 PDF', async () => {
    const { page } = await open(1280);
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, ...(SHOTS === null ? {} : { path: join(SHOTS, 'review.pdf') }) });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // Each section from a new page: more pages than sections.
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(10);
    await page.close();
  });
});
