import { formatNumber } from '../../catalog/words.js';
import { escapeHtml as esc } from '../catalog/svg-graph.js';
import { svgChart, type ChartSpec } from './svg-charts.js';

/**
 * The pieces of the review's HTML page: figures in words (counts, percentages, business durations, signed changes),
 * tables that scroll inside their own box, and charts with their figures beside them. Every figure that is null is
 * shown as "–"; every piece of user text is escaped here or by the caller.
 */

export { esc };

export const NONE = '–';
const MINUS = '−';
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** "November 2026" for 2026-11. */
export function monthName(label: string): string {
  const month = MONTH_NAMES[Number(label.slice(5, 7)) - 1];
  return month === undefined ? label : `${month} ${label.slice(0, 4)}`;
}

/** The same month a year earlier: 2025-11 for 2026-11. */
export function yearBefore(label: string): string {
  return `${Number(label.slice(0, 4)) - 1}${label.slice(4)}`;
}

export function count(value: number | null): string {
  return value === null ? NONE : formatNumber(value);
}

/** "91.7%"; "–" for null. Percentages arrive rounded to 0.1 (availability to 0.001), printed as they are. */
export function percent(value: number | null): string {
  return value === null ? NONE : `${String(value)}%`;
}

/** A signed number: "+3", "−2", "0" (a real minus sign, as typeset). */
export function signed(value: number, suffix = ''): string {
  const text = `${String(Math.abs(Math.round(value * 10) / 10))}${suffix}`;
  if (value > 0) return `+${text}`;
  if (value < 0) return `${MINUS}${text}`;
  return text;
}

/**
 * Business minutes in words: "45 min", "2 h 30 min", "25 h" (hours, not days: a business day is not 24 hours);
 * under an hour to one decimal ("12.5 min"), above it to the whole minute.
 */
export function duration(minutes: number | null): string {
  if (minutes === null) return NONE;
  const sign = minutes < 0 ? MINUS : '';
  const m = Math.abs(minutes);
  if (m < 60) return `${sign}${String(Math.round(m * 10) / 10)} min`;
  const whole = Math.round(m);
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  return `${sign}${hours} h${rest === 0 ? '' : ` ${rest} min`}`;
}

/** The note beside a figure built on fewer tickets or clocks than the minimum sample. */
export function fewNote(minimumSample: number): string {
  return ` <abbr class="few" title="built on fewer than ${minimumSample} tickets or clocks: read with care">n&nbsp;&lt;&nbsp;${minimumSample}</abbr>`;
}

/**
 * The local wall-clock time of an instant in a time zone, "2026-12-01 00:00", from Intl's parts (only the digits,
 * which do not depend on the locale's wording).
 */
export function localTime(instant: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

export interface Column {
  head: string;
  /** Right-aligned (figures). */
  numeric?: boolean;
}

/**
 * A table in its own scrolling box (a wide table never widens the page), with a caption and header cells. The first
 * cell of each row is a row header. Cells are HTML, escaped by the caller.
 */
export function table(caption: string, columns: readonly Column[], rows: readonly (readonly string[])[], className = ''): string {
  const cls = (c: Column | undefined) => (c?.numeric === true ? ' class="num"' : '');
  const body = rows.map((row) => `<tr>${row.map((cell, i) => (i === 0 ? `<th scope="row"${cls(columns[i])}>${cell}</th>` : `<td${cls(columns[i])}>${cell}</td>`)).join('')}</tr>`);
  // The caption is written above the scrolling box (where it wraps to the page's width) and kept in the table for
  // screen readers.
  return [
    `<p class="table-title" aria-hidden="true">${esc(caption)}</p>`,
    `<div class="table-wrap" role="region" aria-label="${esc(caption)}" tabindex="0">`,
    `<table${className === '' ? '' : ` class="${className}"`}>`,
    `<caption class="visually-hidden">${esc(caption)}</caption>`,
    `<thead><tr>${columns.map((c) => `<th scope="col"${cls(c)}>${esc(c.head)}</th>`).join('')}</tr></thead>`,
    `<tbody>\n${body.join('\n')}\n</tbody>`,
    '</table>',
    '</div>',
  ].join('\n');
}

/**
 * A chart in a <figure>: the caption, the SVG, and the same figures as a table under a disclosure (the text
 * alternative a screen reader or a reader who wants the numbers uses). `format` writes each value of the table;
 * `fewMark` follows a value built on fewer than the minimum sample.
 */
export function chartFigure(spec: ChartSpec, format: (value: number | null) => string, fewMark = '', note = ''): string {
  const columns: Column[] = [{ head: spec.xTitle }, ...spec.series.map((s) => ({ head: s.name, numeric: true }))];
  const rows = spec.categories.map((category, i) => [
    esc(category),
    ...spec.series.map((s) => `${format(s.values[i] ?? null)}${s.few?.[i] === true && s.values[i] !== null ? fewMark : ''}`),
  ]);
  return [
    '<figure class="chart-figure">',
    `<figcaption>${esc(spec.title)}</figcaption>`,
    svgChart(spec),
    note === '' ? '' : `<p class="chart-note">${note}</p>`,
    '<details>',
    `<summary>The figures of “${esc(spec.title)}”</summary>`,
    table(spec.title, columns, rows),
    '</details>',
    '</figure>',
  ]
    .filter((line) => line !== '')
    .join('\n');
}
