import { describe, expect, it } from 'vitest';
import { reviewHtml } from '../../src/report/review/html.js';
import { niceScale } from '../../src/report/review/svg-charts.js';
import { sampleReview } from './sample-review.js';

/** The <svg> element with this id, as text. */
function svgOf(html: string, id: string): string {
  const start = html.indexOf(`<svg class="chart`, html.indexOf(`id="${id}"`) - 60);
  expect(start, `chart ${id}`).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf('</svg>', start) + 6);
}

/** The content of the section with this id. */
function sectionOf(html: string, id: string): string {
  const start = html.indexOf(`<section id="${id}"`);
  expect(start, `section ${id}`).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf('</section>', start));
}

describe('review: html', () => {
  const html = reviewHtml(sampleReview());

  it('is one self-contained page: no script, no external style, image or font, and a policy that forbids loading', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">\n')).toBe(true);
    expect(html.endsWith('</html>\n')).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
    expect(html).not.toMatch(/<script\b/);
    expect(html).not.toMatch(/<link(?![^>]*rel="icon" href="data:,")[^>]*>/);
    expect(html).not.toMatch(/<(img|iframe|object|embed|video|audio)\b/);
    expect(html).not.toMatch(/url\(|@import|@font-face/);
    // The only http address is the SVG namespace, which is a name, never fetched.
    expect([...html.matchAll(/https?:\/\/[^\s"')]+/g)].map((m) => m[0]).filter((u) => u !== 'http://www.w3.org/2000/svg')).toEqual([]);
  });

  it('escapes every piece of user text: the organisation, titles, names', () => {
    const review = sampleReview();
    review.organisation = 'R&D <lab> "north"';
    const page = reviewHtml(review);
    expect(page).toContain('<title>R&amp;D &lt;lab&gt; &quot;north&quot;: service review November 2026</title>');
    expect(page).toContain('<p class="organisation">R&amp;D &lt;lab&gt; &quot;north&quot;</p>');
    expect(page).toContain('New laptop for R&amp;D &lt;lab&gt;');
    expect(page).toContain('R&amp;D &lt;lab&gt; <span class="id">r-and-d</span>');
    expect(page).toContain('VPN drops | every hour');
    expect(page).not.toContain('R&D <lab>');
    expect(page).not.toContain('<lab>');
  });

  it('gives every chart a <title>, a <desc> and its figures as a table', () => {
    const svgs = [...html.matchAll(/<svg\b[^>]*>\n<title id="([^"]+)">([^<]+)<\/title>\n<desc id="([^"]+)">([^<]+)<\/desc>/g)];
    expect(svgs.length).toBe((html.match(/<svg\b/g) ?? []).length);
    // Volume 4, backlog 1, speed 3, service levels 2 (targets, one error budget), recurrence 1, changes 1, problems 1.
    expect(svgs.length).toBe(13);
    const figures = html.match(/<figure class="chart-figure">/g) ?? [];
    const tables = html.match(/<summary>The figures of /g) ?? [];
    expect(figures.length).toBe(svgs.length);
    expect(tables.length).toBe(svgs.length);
    for (const m of svgs) expect(html).toContain(`aria-labelledby="${m[1]!} ${m[3]!}"`);
  });

  it('has the sections of docs/review.md in order, and leaves out changes and problems when there are none', () => {
    const order = ['glance', 'volume', 'backlog', 'speed', 'service-levels', 'recurrence', 'changes', 'problems', 'worst', 'breakdown', 'improvements'];
    const positions = order.map((id) => html.indexOf(`<section id="${id}"`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // Headings in order: one h1, then h2 per section.
    expect(html.match(/<h1\b/g)).toHaveLength(1);

    const review = sampleReview();
    review.changes = null;
    review.problems = null;
    const page = reviewHtml(review);
    for (const id of ['changes', 'problems']) {
      expect(page).not.toContain(`<section id="${id}"`);
      expect(page).not.toContain(`href="#${id}"`);
      expect(page).not.toContain(`id="chart-${id}"`);
    }
    expect(page).toContain('<section id="recurrence"');
    expect(page).toContain('<section id="worst"');
  });

  it('draws a month with no tickets as a 0: bars of height 0 marked on the axis, points on the axis', () => {
    // Opened and resolved in 2026-09: 0 and 0.
    const volume = svgOf(html, 'chart-volume');
    const bars = [...volume.matchAll(/<rect class="bar (s\d)" x="[^"]+" y="([^"]+)" width="[^"]+" height="([^"]+)" data-category="2026-09" data-series="([^"]+)" data-value="([^"]*)"/g)];
    expect(bars.map((b) => [b[4], b[5], b[3]])).toEqual([
      ['opened', '0', '0'],
      ['resolved', '0', '0'],
    ]);
    const baseline = Number(/<line class="baseline" x1="[^"]+" y1="([^"]+)"/.exec(volume)![1]);
    expect(bars.map((b) => Number(b[2]))).toEqual([baseline, baseline]);
    expect(volume.match(/<line class="zero s\d"/g)).toHaveLength(2);
    // The stacked chart writes the total, 0, above the empty month.
    expect(svgOf(html, 'chart-opened-type')).toMatch(/<text class="total" x="[^"]+" y="[^"]+" text-anchor="middle">0<\/text>/);

    // Incidents of vpn per month: 0, 3, 6; the 0 is a point on the axis.
    const recurrence = svgOf(html, 'chart-recurrence');
    const axis = Number(/<line class="baseline" x1="[^"]+" y1="([^"]+)"/.exec(recurrence)![1]);
    const point = /<circle class="point s1" cx="[^"]+" cy="([^"]+)" r="3.5" data-category="2026-09" data-series="vpn" data-value="0">/.exec(recurrence);
    expect(Number(point![1])).toBe(axis);
    expect(recurrence).toMatch(/data-category="2026-10" data-series="vpn" data-value="3"/);
  });

  it('leaves a gap, not a 0, where a median or rate cannot be computed, and shows it as "–"', () => {
    const rates = svgOf(html, 'chart-rates');
    expect(rates).not.toContain('data-category="2026-09"');
    // The line starts at 2026-10: one segment from Oct to Nov.
    expect(rates).toMatch(/<path class="line s1" d="M[\d.]+,[\d.]+L[\d.]+,[\d.]+"\/>/);
    const figures = sectionOf(html, 'speed');
    expect(figures).toContain('<tr><th scope="row">2026-09</th><td class="num">–</td><td class="num">–</td></tr>');
  });

  it('marks figures built on fewer than the minimum sample ("n < 5"), in tables and as hollow points', () => {
    const note = ' <abbr class="few" title="built on fewer than 5 tickets or clocks: read with care">n&nbsp;&lt;&nbsp;5</abbr>';
    const speed = sectionOf(html, 'speed');
    // P1 in 2026-11: 2 responses (4 and 6 minutes), median 5.
    expect(speed).toContain(`<tr><th scope="row">P1</th><td class="num">2</td><td class="num">5 min${note}</td>`);
    expect(speed).toContain('<tr><th scope="row">P2</th><td class="num">12</td><td class="num">16.5 min</td>');
    // Compliance of the P1 response target in 2026-11: 1 of 2, 50 %, missed and n < 5.
    expect(sectionOf(html, 'service-levels')).toContain(`✗ </span>50%<span class="visually-hidden"> (objective missed)</span></span>${note}`);
    expect(sectionOf(html, 'breakdown')).toContain(`100%${note}`);

    const review = sampleReview();
    for (const f of review.speed.figures) if (f.month === '2026-11' && f.priority === null) f.fewerThanMinimum = true;
    const response = svgOf(reviewHtml(review), 'chart-response');
    expect(response.match(/<circle class="point s\d few"[^>]*data-category="2026-11"/g)).toHaveLength(2);
    expect(response.match(/<circle class="point s\d few"[^>]*data-category="2026-10"/g)).toBeNull();
  });

  it('gives each improvement a verdict badge with a mark and words as well as a colour', () => {
    const register = sectionOf(html, 'improvements');
    for (const [verdict, mark, words] of [
      ['achieved', '✓', 'achieved'],
      ['on-track', '→', 'on track'],
      ['overdue', '!', 'overdue'],
      ['missed', '✗', 'missed'],
      ['no-data', '?', 'no data'],
    ] as const) {
      expect(register).toContain(`<span class="badge verdict-${verdict}"><span aria-hidden="true">${mark} </span>${words}</span>`);
    }
    // IMP-001, resolution median P2: baseline 360 minutes (6 h), target 240 (4 h), now 240: achieved.
    expect(register).toMatch(/IMP-001<\/code> Faster P2 resolution<\/th>.*<td class="num">6 h<\/td><td class="num">4 h<\/td><td class="num">4 h<\/td>/);
    // IMP-005 cannot be measured: "–" for the figure and the progress.
    expect(register).toMatch(/IMP-005<\/code>.*<td class="num">4<\/td><td class="num">1<\/td><td class="num">–<\/td><td class="num">–<\/td>/);
  });

  it('shows the reviewed month at a glance, with changes on the month before and the year before', () => {
    const glance = sectionOf(html, 'glance');
    // Opened 15 against 12: +25 %; a year ago 0: no percentage.
    expect(glance).toContain('<h3>Opened</h3><p class="value">15</p><ul class="changes"><li><span class="arrow" aria-hidden="true">▲</span> +25% on October 2026 (12)</li><li>– on November 2025 (0), no percentage from 0</li></ul>');
    // Clocks within target in 2026-11: (1 + 11) of (2 + 12) = 85.7 %; in 2026-10 (3 + 5) of (3 + 6) = 88.9 %: −3.2 points.
    expect(glance).toContain('<p class="value">85.7%</p><ul class="changes"><li><span class="arrow" aria-hidden="true">▼</span> −3.2 points on October 2026 (88.9%)</li></ul><p class="card-note">12 of 14 clocks</p>');
    // Median MTTR 2026-11: of 14 values the 7th and 8th, 200 and 240: 220 minutes = 3 h 40 min; October 240 (4 h).
    expect(glance).toContain('<p class="value">3 h 40 min</p>');
    expect(glance).toContain('−20 min on October 2026 (4 h)');
    expect(glance).toContain('<p class="value">EUR -123.45</p>');
    expect(glance).toContain('<p class="value">99.306%</p>');
  });

  it('states the as-of instant in the time zone and in UTC', () => {
    expect(html).toContain('As of <time datetime="2026-11-30T23:00:00.000Z">2026-12-01 00:00</time> Europe/Berlin (2026-11-30T23:00:00.000Z).');
  });

  it('rounds the y axis to a round step', () => {
    expect(niceScale(15, 4, true)).toEqual({ top: 15, step: 5 });
    expect(niceScale(138.9, 4, false)).toEqual({ top: 150, step: 50 });
    expect(niceScale(0, 4, true)).toEqual({ top: 4, step: 1 });
    expect(niceScale(3, 4, true)).toEqual({ top: 3, step: 1 });
  });
});
