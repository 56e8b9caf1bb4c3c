import { escapeHtml as esc } from '../catalog/svg-graph.js';
import { svgChart, type ChartSpec } from './svg-charts.js';

/**
 * The pieces of the review's HTML page: tables that scroll inside their own box, and charts with their figures beside
 * them. The figures are written by shared.ts, as in the Markdown; every piece of user text is escaped here or by the
 * caller.
 */

export { esc };

/** The note beside a figure built on fewer tickets or clocks than the minimum sample. */
export function fewNote(minimumSample: number): string {
  return ` <abbr class="few" title="built on fewer than ${minimumSample} tickets or clocks: read with care">n&nbsp;&lt;&nbsp;${minimumSample}</abbr>`;
}

export interface Column {
  head: string;
  /** Right-aligned (figures). */
  numeric?: boolean;
}

/** A row of a table's body that heads the rows after it ("Missed the objective (3)"), across every column. */
export interface GroupRow {
  group: string;
}

/**
 * A table in its own scrolling box (a wide table never widens the page), with a caption and header cells. The first
 * cell of each row is a row header, which stays in view when the box scrolls sideways (html-style.ts). Cells are HTML,
 * escaped by the caller; a group row's title is text.
 */
export function table(caption: string, columns: readonly Column[], rows: readonly (readonly string[] | GroupRow)[], className = ''): string {
  const cls = (c: Column | undefined) => (c?.numeric === true ? ' class="num"' : '');
  const body = rows.map((row) =>
    'group' in row
      ? `<tr class="group"><th scope="rowgroup" colspan="${columns.length}"><span>${esc(row.group)}</span></th></tr>`
      : `<tr>${row.map((cell, i) => (i === 0 ? `<th scope="row"${cls(columns[i])}>${cell}</th>` : `<td${cls(columns[i])}>${cell}</td>`)).join('')}</tr>`,
  );
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
