/**
 * Compares the output lines an example shows with the lines a command printed, and renders the difference for a person.
 *
 * What counts as the same (test/docs/README.md says it for the people who write examples):
 * - trailing whitespace of every line, and blank lines at the end, are ignored on both sides;
 * - a shown line that is only `…` stands for any number of printed lines, none included;
 * - a `…` inside a shown line stands for any text within that one printed line.
 *
 * The comparison is an alignment (an edit distance where a `…` line absorbs printed lines for free), so that a changed
 * figure in the middle of a table is reported as that one line, not as everything after it.
 */

/** A line of an example, with the line number of the Markdown file it is on (1-based). */
export interface ShownLine {
  text: string;
  line: number;
}

/** The elision mark: a line of only this stands for any number of lines. */
export const ELLIPSIS = '…';

type Step =
  | { kind: 'same'; shown: ShownLine; printed: string }
  | { kind: 'elided'; shown: ShownLine; count: number }
  | { kind: 'missing'; shown: ShownLine }
  | { kind: 'extra'; printed: string };

/** Lines without trailing whitespace and without the blank lines at the end. */
export function normaliseLines(lines: readonly string[]): string[] {
  const out = lines.map((l) => l.trimEnd());
  while (out.length > 0 && out.at(-1) === '') out.pop();
  return out;
}

/** Printed text as lines, normalised (a final newline does not make an empty last line). */
export function printedLines(text: string): string[] {
  return normaliseLines(text.split('\n'));
}

function linePattern(shown: string): (printed: string) => boolean {
  if (!shown.includes(ELLIPSIS)) return (printed) => printed === shown;
  const escaped = shown.split(ELLIPSIS).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`^${escaped.join('.*')}$`, 'su');
  return (printed) => pattern.test(printed);
}

/**
 * Aligns shown and printed lines. Returns the steps of a cheapest alignment; it is a match when no step is `missing` or
 * `extra`.
 */
export function alignLines(shownInput: readonly ShownLine[], printed: readonly string[]): Step[] {
  const texts = normaliseLines(shownInput.map((s) => s.text));
  const shown = texts.map((text, i) => ({ text, line: shownInput[i]!.line }));
  const lines = normaliseLines(printed);
  const matchers = shown.map((s) => linePattern(s.text));
  const isEllipsis = shown.map((s) => s.text.trim() === ELLIPSIS);
  const rows = shown.length + 1;
  const cols = lines.length + 1;
  // cost[i * cols + j]: aligning shown[i..] with lines[j..] costs EDIT per missing or extra line, less one per line
  // matched, so that of two alignments with as few edits the one that matches more lines wins: a changed line reads
  // as that line, not as a run of missing lines that a later "…" makes up for.
  const EDIT = shown.length + 1;
  const cost = new Int32Array(rows * cols);
  const at = (i: number, j: number) => cost[i * cols + j]!;
  for (let i = shown.length; i >= 0; i--) {
    for (let j = lines.length; j >= 0; j--) {
      let best: number;
      if (i === shown.length) best = (lines.length - j) * EDIT;
      else if (isEllipsis[i]) best = Math.min(at(i + 1, j), j < lines.length ? at(i, j + 1) : Infinity);
      else {
        best = at(i + 1, j) + EDIT;
        if (j < lines.length) {
          best = Math.min(best, at(i, j + 1) + EDIT);
          if (matchers[i]!(lines[j]!)) best = Math.min(best, at(i + 1, j + 1) - 1);
        }
      }
      cost[i * cols + j] = best;
    }
  }
  const steps: Step[] = [];
  let i = 0;
  let j = 0;
  while (i < shown.length || j < lines.length) {
    const here = at(i, j);
    if (i === shown.length) {
      steps.push({ kind: 'extra', printed: lines[j++]! });
    } else if (isEllipsis[i]) {
      let count = 0;
      while (j < lines.length && at(i, j + 1) === here && at(i + 1, j) !== here) {
        j++;
        count++;
      }
      // Absorb as many lines as keeps the cost; stop where the rest aligns at the same cost without them.
      steps.push({ kind: 'elided', shown: shown[i]!, count });
      i++;
    } else if (j < lines.length && matchers[i]!(lines[j]!) && at(i + 1, j + 1) - 1 === here) {
      steps.push({ kind: 'same', shown: shown[i]!, printed: lines[j]! });
      i++;
      j++;
    } else if (at(i + 1, j) + EDIT === here) {
      // Missing before extra, so that a changed run reads as its old lines, then its new ones.
      steps.push({ kind: 'missing', shown: shown[i]! });
      i++;
    } else {
      steps.push({ kind: 'extra', printed: lines[j++]! });
    }
  }
  return steps;
}

export function linesMatch(shown: readonly ShownLine[], printed: readonly string[]): boolean {
  return alignLines(shown, printed).every((s) => s.kind === 'same' || s.kind === 'elided');
}

/**
 * The difference as text: `-` for what the example shows and the command did not print, `+` for what it printed and
 * the example does not show, each shown line with `file:line`; two lines of context around each change.
 */
export function renderDiff(file: string, shown: readonly ShownLine[], printed: readonly string[], context = 2): string[] {
  const steps = alignLines(shown, printed);
  const changed = steps.map((s) => s.kind === 'missing' || s.kind === 'extra');
  const visible = steps.map((_, k) => changed.slice(Math.max(0, k - context), k + context + 1).some(Boolean));
  const width = Math.max(0, ...shown.map((s) => `${file}:${s.line}`.length));
  const where = (s?: ShownLine) => (s === undefined ? '' : `${file}:${s.line}`).padEnd(width);
  const out: string[] = [];
  let hidden = 0;
  steps.forEach((step, k) => {
    if (!visible[k]) {
      hidden++;
      return;
    }
    if (hidden > 0) out.push(`${''.padEnd(width)}  ⋮ ${hidden} line(s) as shown`);
    hidden = 0;
    switch (step.kind) {
      case 'same':
        out.push(`${where(step.shown)}    ${step.printed}`);
        break;
      case 'elided':
        out.push(`${where(step.shown)}    ${step.shown.text}  (${step.count} line(s) elided)`);
        break;
      case 'missing':
        out.push(`${where(step.shown)}  - ${step.shown.text}`);
        break;
      case 'extra':
        out.push(`${where()}  + ${step.printed}`);
        break;
    }
  });
  if (hidden > 0) out.push(`${''.padEnd(width)}  ⋮ ${hidden} line(s) as shown`);
  return out;
}
