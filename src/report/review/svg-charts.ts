import { escapeHtml as esc } from '../catalog/svg-graph.js';

/**
 * The review's charts, drawn by hand as inline SVG: vertical bars (side by side or stacked) and lines with points, over
 * months. Why not a charting library: Apache ECharts (the one that renders SVG on a server without a DOM) writes its
 * colours as fixed hex values (no light/dark mode without rewriting its output), puts no <title> or text alternative in
 * the SVG it returns (its `aria` option labels a DOM container, which there is none of), and costs about 0.7 s of CPU
 * to import; these four chart types are a few hundred lines.
 *
 * Colours come from the page's CSS (classes `s1`…`s6` and custom properties), so the charts follow the page into dark
 * mode and into print. Deterministic: the same data always draws the same SVG.
 */

export interface ChartSeries {
  name: string;
  /** One per category; null: nothing to show (a median of no clocks), drawn as a gap, never as 0. */
  values: readonly (number | null)[];
  /** Per value: built on fewer than the minimum sample (drawn as a hollow point). */
  few?: readonly boolean[];
}

export interface ChartSpec {
  /** Unique on the page: the ids of the SVG's <title> and <desc> derive from it. */
  id: string;
  title: string;
  /** One or two sentences on what the chart shows; the SVG's <desc>. */
  description: string;
  kind: 'bars' | 'stacked' | 'lines';
  /** The x axis: months (YYYY-MM, drawn as "Sep" with the year below) or other labels (2026-Q4), drawn as they are. */
  categories: readonly string[];
  xTitle: string;
  /** The y axis's unit, written above it: "tickets", "minutes", "%". */
  yTitle: string;
  series: readonly ChartSeries[];
  /** A dashed horizontal line: an objective, the whole error budget. */
  reference?: { value: number; label: string };
  /** The top of the y axis at least (100 for percentages). */
  yMax?: number;
  /** Whole numbers on the y axis (counts). */
  integer?: boolean;
  /** Stacked bars: the total above each stack. */
  totals?: boolean;
}

const WIDTH = 420;
const FONT = 12;
const CHAR = 6.7;
const PLOT_HEIGHT = 150;
const LEGEND_ROW = 20;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
/** The number of colours of the page's palette (classes s1 to s6); series beyond it reuse them in order. */
export const PALETTE_SIZE = 6;

/** A round step for about `count` intervals up to `max`: 1, 2, 2.5 or 5 times a power of ten (whole when `integer`). */
export function niceScale(max: number, count: number, integer: boolean): { top: number; step: number } {
  if (!(max > 0)) return { top: integer ? 4 : 1, step: integer ? 1 : 0.25 };
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  let step = power * 10;
  for (const m of [1, 2, 2.5, 5, 10]) {
    if (m * power >= raw) {
      step = m * power;
      break;
    }
  }
  if (integer) step = Math.max(1, Math.ceil(step));
  return { top: Math.ceil(max / step - 1e-9) * step, step };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function tickText(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

function isMonth(label: string): boolean {
  return /^\d{4}-\d{2}$/.test(label);
}

/** "Sep" for 2026-09; any other label as it is. */
function shortLabel(label: string): string {
  return isMonth(label) ? MONTHS[Number(label.slice(5, 7)) - 1]! : label;
}

function textWidth(text: string): number {
  return text.length * CHAR;
}

interface LegendItem {
  name: string;
  cls: string;
  mark: 'box' | 'line' | 'reference';
}

/** Legend items in rows that fit the width; each item is a mark and its name. */
function legendRows(items: readonly LegendItem[], width: number): LegendItem[][] {
  const rows: LegendItem[][] = [];
  let row: LegendItem[] = [];
  let used = 0;
  for (const item of items) {
    const w = 22 + textWidth(item.name) + 16;
    if (row.length > 0 && used + w > width) {
      rows.push(row);
      row = [];
      used = 0;
    }
    row.push(item);
    used += w;
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

/** The chart as one <svg>: title and description, legend (when there is more than one series or a reference), axes, data. */
export function svgChart(spec: ChartSpec): string {
  const n = spec.categories.length;
  const lines = spec.kind === 'lines';
  const legendItems: LegendItem[] = [];
  if (spec.series.length > 1 || spec.reference !== undefined) {
    spec.series.forEach((s, i) => legendItems.push({ name: s.name, cls: seriesClass(i), mark: lines ? 'line' : 'box' }));
  }
  if (spec.reference !== undefined) legendItems.push({ name: spec.reference.label, cls: 'reference', mark: 'reference' });

  // The largest value drawn: the tallest stack, the highest point or bar, the reference line.
  let max = spec.yMax ?? 0;
  if (spec.reference !== undefined) max = Math.max(max, spec.reference.value);
  for (let i = 0; i < n; i++) {
    if (spec.kind === 'stacked') max = Math.max(max, spec.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
    else for (const s of spec.series) max = Math.max(max, s.values[i] ?? 0);
  }
  const { top, step } = niceScale(max, 4, spec.integer === true);
  const ticks: number[] = [];
  for (let v = 0; v <= top + step / 1000; v += step) ticks.push(v);

  const left = 12 + Math.max(...ticks.map((t) => textWidth(tickText(t))));
  const right = 12;
  const plotWidth = WIDTH - left - right;
  const rows = legendRows(legendItems, WIDTH - 8);
  const legendHeight = rows.length * LEGEND_ROW;
  const plotTop = 8 + legendHeight + 30;
  const plotBottom = plotTop + PLOT_HEIGHT;
  const height = plotBottom + 58;
  const y = (v: number) => round(plotBottom - (v / top) * PLOT_HEIGHT);
  const slot = plotWidth / Math.max(1, n);
  const centre = (i: number) => round(left + slot * (i + 0.5));

  const titleId = `${spec.id}-title`;
  const descId = `${spec.id}-desc`;
  const out: string[] = [
    `<svg class="chart ${spec.kind}" id="${esc(spec.id)}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="${esc(titleId)} ${esc(descId)}" font-size="${FONT}">`,
    `<title id="${esc(titleId)}">${esc(spec.title)}</title>`,
    `<desc id="${esc(descId)}">${esc(spec.description)}</desc>`,
  ];

  if (rows.length > 0) {
    out.push('<g class="legend">');
    rows.forEach((row, r) => {
      let x = 4;
      const ly = 8 + r * LEGEND_ROW + LEGEND_ROW / 2;
      for (const item of row) {
        out.push(`<g class="legend-item ${item.cls}">`);
        if (item.mark === 'box') out.push(`<rect x="${x}" y="${ly - 6}" width="14" height="12" rx="2"/>`);
        else if (item.mark === 'line') out.push(`<line x1="${x}" y1="${ly}" x2="${x + 16}" y2="${ly}"/><circle cx="${x + 8}" cy="${ly}" r="3.5"/>`);
        else out.push(`<line x1="${x}" y1="${ly}" x2="${x + 16}" y2="${ly}"/>`);
        out.push(`<text x="${x + 22}" y="${ly}" dy="0.35em">${esc(item.name)}</text></g>`);
        x += 22 + textWidth(item.name) + 16;
      }
    });
    out.push('</g>');
  }

  // The y axis: grid lines at each tick, the values, and the unit above the axis.
  out.push('<g class="axis axis-y">');
  for (const t of ticks) {
    out.push(`<line class="grid" x1="${left}" y1="${y(t)}" x2="${WIDTH - right}" y2="${y(t)}"/>`);
    out.push(`<text x="${left - 6}" y="${y(t)}" dy="0.35em" text-anchor="end">${tickText(t)}</text>`);
  }
  out.push(`<text class="axis-title" x="${left - 6}" y="${plotTop - 12}" text-anchor="start">${esc(spec.yTitle)}</text>`);
  out.push('</g>');

  // The x axis: a label under every month when they fit, else under every k-th counting back from the last (the
  // reviewed month always has its label); the year under the first label and under each January.
  const labelWidth = Math.max(...spec.categories.map((c) => textWidth(shortLabel(c))), 1) + 6;
  const every = Math.max(1, Math.ceil(labelWidth / slot));
  out.push('<g class="axis axis-x">', `<line class="baseline" x1="${left}" y1="${plotBottom}" x2="${WIDTH - right}" y2="${plotBottom}"/>`);
  let lastYear: string | null = null;
  spec.categories.forEach((c, i) => {
    if ((n - 1 - i) % every !== 0) return;
    const x = centre(i);
    out.push(`<line x1="${x}" y1="${plotBottom}" x2="${x}" y2="${plotBottom + 4}"/>`);
    out.push(`<text x="${x}" y="${plotBottom + 18}" text-anchor="middle">${esc(shortLabel(c))}</text>`);
    if (isMonth(c)) {
      const year = c.slice(0, 4);
      if (year !== lastYear) out.push(`<text class="year" x="${x}" y="${plotBottom + 33}" text-anchor="middle">${year}</text>`);
      lastYear = year;
    }
  });
  out.push(`<text class="axis-title" x="${round(left + plotWidth / 2)}" y="${height - 6}" text-anchor="middle">${esc(spec.xTitle)}</text>`, '</g>');

  out.push('<g class="data">');
  if (spec.kind === 'lines') out.push(...linesData(spec, centre, y));
  else out.push(...barsData(spec, slot, left, y, plotBottom));
  out.push('</g>');

  if (spec.reference !== undefined) {
    const ry = y(spec.reference.value);
    out.push(`<line class="reference" x1="${left}" y1="${ry}" x2="${WIDTH - right}" y2="${ry}"/>`);
  }
  out.push('</svg>');
  return out.join('\n');
}

export function seriesClass(index: number): string {
  return `s${(index % PALETTE_SIZE) + 1}`;
}

function dataAttributes(category: string, series: string, value: number | null): string {
  return `data-category="${esc(category)}" data-series="${esc(series)}" data-value="${value === null ? '' : String(value)}"`;
}

function barsData(spec: ChartSpec, slot: number, left: number, y: (v: number) => number, base: number): string[] {
  const out: string[] = [];
  const stacked = spec.kind === 'stacked';
  const group = slot * 0.7;
  const barWidth = stacked ? group : group / Math.max(1, spec.series.length);
  spec.categories.forEach((category, i) => {
    const x0 = left + slot * i + (slot - group) / 2;
    let sum = 0;
    spec.series.forEach((s, j) => {
      const value = s.values[i] ?? null;
      if (value === null) return;
      const bottom = stacked ? y(sum) : base;
      const topY = stacked ? y(sum + value) : y(value);
      const x = round(stacked ? x0 : x0 + j * barWidth);
      // A 0 is a bar of height 0 on the axis, marked by a short stroke in the series' colour: the month is there,
      // with nothing in it (a stack of 0 has its total, "0", above it instead).
      if (value === 0 && !stacked) out.push(`<line class="zero ${seriesClass(j)}" x1="${x + 1}" y1="${base - 1}" x2="${round(x + barWidth - 1)}" y2="${base - 1}"/>`);
      out.push(
        `<rect class="bar ${seriesClass(j)}" x="${x}" y="${topY}" width="${round(barWidth)}" height="${round(bottom - topY)}" ${dataAttributes(category, s.name, value)}><title>${esc(`${s.name}, ${category}: ${String(value)}`)}</title></rect>`,
      );
      sum += value;
    });
    if (stacked && spec.totals === true) {
      out.push(`<text class="total" x="${round(x0 + group / 2)}" y="${y(sum) - 4}" text-anchor="middle">${tickText(sum)}</text>`);
    }
  });
  return out;
}

function linesData(spec: ChartSpec, centre: (i: number) => number, y: (v: number) => number): string[] {
  const out: string[] = [];
  spec.series.forEach((s, j) => {
    // A null breaks the line: no figure is not a 0.
    const segments: string[] = [];
    let current: string[] = [];
    s.values.forEach((v, i) => {
      if (v === null) {
        if (current.length > 0) segments.push(current.join(''));
        current = [];
        return;
      }
      current.push(`${current.length === 0 ? 'M' : 'L'}${centre(i)},${y(v)}`);
    });
    if (current.length > 0) segments.push(current.join(''));
    if (segments.length > 0) out.push(`<path class="line ${seriesClass(j)}" d="${segments.join('')}"/>`);
    s.values.forEach((v, i) => {
      const category = spec.categories[i]!;
      if (v === null) return;
      const few = s.few?.[i] === true ? ' few' : '';
      out.push(
        `<circle class="point ${seriesClass(j)}${few}" cx="${centre(i)}" cy="${y(v)}" r="3.5" ${dataAttributes(category, s.name, v)}><title>${esc(`${s.name}, ${category}: ${String(v)}${few === '' ? '' : ' (fewer than the minimum sample)'}`)}</title></circle>`,
      );
    });
  });
  return out;
}
