import type { Catalog } from '../../catalog/model.js';
import { compareText } from '../../catalog/compare.js';
import { LINE_LENGTH } from './markdown-text.js';
import { safeText } from '../text-safe.js';

/**
 * Node ids for Mermaid: `s_` and the service id with `.` and `-` as `_` (Mermaid reads `-` as part of an arrow, and
 * the prefix keeps ids like `end` or `graph` from being keywords). Ids that would collide get `_2`, `_3` in id order,
 * so the same repository always gives the same graph.
 */
export function mermaidIds(serviceIds: readonly string[]): Map<string, string> {
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const id of [...serviceIds].sort(compareText)) {
    const base = `s_${id.replace(/[^A-Za-z0-9_]/g, '_')}`;
    let candidate = base;
    for (let n = 2; taken.has(candidate); n++) candidate = `${base}_${n}`;
    taken.add(candidate);
    ids.set(id, candidate);
  }
  return ids;
}

/**
 * A label in double quotes, with Mermaid's entity codes for what would end or break it; whitespace runs folded to one
 * space and other control characters shown as escapes (src/report/text-safe.ts), as in all text for people.
 */
function label(text: string): string {
  return safeText(text.replace(/\s+/g, ' ')).replace(/[#"<>&]/g, (c) => `#${c.charCodeAt(0)};`);
}

/**
 * A code line kept under MD013's limit: a label's spaces past column 80 become `#32;`, Mermaid's entity code for a
 * space, so that the line has no whitespace there (MD013 checks code blocks too).
 */
function fit(line: string): string {
  if (line.length <= LINE_LENGTH) return line;
  return line.slice(0, LINE_LENGTH) + line.slice(LINE_LENGTH).replace(/ /g, '#32;');
}

/**
 * The dependency graph as a Mermaid flowchart, top down: a service above the services it depends on, so the
 * foundations (the network) end up at the bottom. Services that are not live are drawn dashed.
 */
export function mermaidGraph(catalog: Catalog): string {
  const ids = mermaidIds(catalog.services.map((s) => s.id));
  const services = [...catalog.services].sort((a, b) => compareText(a.id, b.id));
  const lines = ['```mermaid', 'flowchart TD'];
  for (const service of services) {
    const style = service.lifecycle === 'live' ? '' : ':::notLive';
    lines.push(fit(`  ${ids.get(service.id)!}["${label(service.name)}"]${style}`));
  }
  for (const edge of catalog.dependencies) {
    const from = ids.get(edge.service)!;
    const to = ids.get(edge.dependsOn)!;
    const spaced = `  ${from} --> ${to}`;
    lines.push(spaced.length <= LINE_LENGTH ? spaced : `${from}-->${to}`);
  }
  if (services.some((s) => s.lifecycle !== 'live')) lines.push('  classDef notLive stroke-dasharray: 5 5');
  lines.push('```');
  return lines.join('\n');
}
