import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildCatalog } from '../../src/catalog/build.js';
import { formatCatalogHtml } from '../../src/report/catalog/html.js';
import { acmeRepository } from './acme.js';

/*
 * The HTML page in a real browser: Debian's chromium, headless, driven by playwright-core (which downloads no
 * browser). CI installs chromium (.ci/run); on a machine without /usr/bin/chromium these tests are skipped, with a
 * warning and a suite name that say so. ITSM_TEST_CHROMIUM points them at another chromium binary.
 */
const CHROMIUM = process.env.ITSM_TEST_CHROMIUM ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`SKIPPED the headless-browser tests of the HTML catalog: ${CHROMIUM} is not installed (apt-get install chromium).`);
const title = hasChromium
  ? 'catalog export: html in headless chromium'
  : `catalog export: html in headless chromium — SKIPPED: ${CHROMIUM} is not installed (apt-get install chromium; CI installs it)`;

describe.skipIf(!hasChromium)(title, () => {
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const requests: string[] = [];
  let dir: string | undefined;

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    dir = mkdtempSync(join(tmpdir(), 'itsm-catalog-html-'));
    const file = join(dir, 'catalog.html');
    writeFileSync(file, formatCatalogHtml(buildCatalog(await acmeRepository(), { audience: 'customer', includeRetired: false, source: null })));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  /** The ids of the service entries that are shown. */
  const visibleServices = () => page.$$eval('article.service', (articles) => articles.filter((a) => !a.hasAttribute('hidden')).map((a) => a.id));

  it('renders the catalog: title, every service, its targets and the dependency graph', async () => {
    expect(await page.title()).toBe('ACME Corporation service catalog');
    expect(await page.textContent('h1')).toBe('ACME Corporation service catalog');
    expect(await page.locator('article.service').count()).toBe(17);
    expect(await page.textContent('#service-email h3')).toBe('Email and Calendaring email');
    expect(await page.textContent('#service-email table tbody tr:first-child')).toBe('P1 incidents15 min, 95% of the time4 hours, 95% of the time');
    expect(await page.locator('#dependencies svg a.node').count()).toBe(17);
    expect(await page.locator('#dependencies svg path.edge').count()).toBe(36);
    // The graph is drawn: it has a real size on the page.
    const box = await page.locator('#dependencies svg').boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    expect(box!.height).toBeGreaterThan(200);
  });

  it('shows the search box (hidden without JavaScript) with the number of services', async () => {
    expect(await page.isVisible('#search')).toBe(true);
    expect(await page.textContent('#search-status')).toBe('17 services');
  });

  it('filters services, their sections and the contents as you type; Escape clears', async () => {
    // Laptops matches too: the search covers articles, and "Setting up the VPN" (KB0002) is about vpn and laptops.
    await page.fill('#search', 'vpn');
    expect(await visibleServices()).toEqual(['service-laptops', 'service-vpn']);
    expect(await page.textContent('#search-status')).toBe('2 of 17 services match');
    expect(await page.isVisible('#category-4')).toBe(true); // Identity & Security
    expect(await page.isVisible('#category-1')).toBe(false);
    expect(await page.isVisible('nav.toc li[data-service="service-vpn"]')).toBe(true);
    expect(await page.isVisible('nav.toc li[data-service="service-email"]')).toBe(false);

    await page.fill('#search', 'hannah lee');
    expect(await visibleServices()).toEqual(['service-email', 'service-collaboration']);

    await page.fill('#search', 'Sam Patel laptop');
    expect(await visibleServices()).toEqual(['service-laptops']);

    await page.fill('#search', 'no such thing');
    expect(await visibleServices()).toEqual([]);
    expect(await page.textContent('#search-status')).toBe('0 of 17 services match');

    await page.press('#search', 'Escape');
    expect(await visibleServices()).toHaveLength(17);
    expect(await page.textContent('#search-status')).toBe('17 services');
  });

  it('follows a link in the dependency graph to the service', async () => {
    await page.click('#dependencies svg a[href="#service-network"]');
    expect(new URL(page.url()).hash).toBe('#service-network');
  });

  it('logs no errors or warnings and loads nothing but the page itself', () => {
    expect(problems).toEqual([]);
    expect(requests.filter((url) => !url.startsWith('file:') && !url.startsWith('data:'))).toEqual([]);
  });
});
