import type { Catalog } from '../../catalog/model.js';
import { compareText } from '../../catalog/compare.js';

/** Escapes text for HTML and SVG content and attribute values (double-quoted). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface GraphNode {
  id: string;
  name: string;
  lifecycle: string;
  /** Depth in the dependency order: 0 for a service that depends on nothing listed. */
  depth: number;
  /** Centre of the node's box. */
  x: number;
  y: number;
}

export interface GraphLayout {
  width: number;
  height: number;
  nodeWidth: number;
  nodeHeight: number;
  nodes: GraphNode[];
  edges: { from: GraphNode; to: GraphNode }[];
}

const NODE_HEIGHT = 36;
const H_GAP = 16;
const V_GAP = 64;
const MARGIN = 12;
const CHAR_WIDTH = 7;

/**
 * A layered drawing of the dependency graph (the idea of Sugiyama's method, kept small): each service in the row of
 * its depth — the length of the longest chain of dependencies below it — with the foundations at the bottom; rows
 * ordered from the bottom up, each service placed by the mean position of what it depends on, to keep edges short.
 * Deterministic: ties are broken by name, then id.
 */
export function layoutGraph(catalog: Catalog): GraphLayout {
  const services = new Map(catalog.services.map((s) => [s.id, s]));
  const dependsOn = new Map<string, string[]>();
  for (const edge of catalog.dependencies) dependsOn.set(edge.service, [...(dependsOn.get(edge.service) ?? []), edge.dependsOn]);

  const depth = dependencyDepths(services.keys(), dependsOn);
  const rowsByDepth = new Map<number, string[]>();
  for (const id of services.keys()) {
    const d = depth.get(id)!;
    const row = rowsByDepth.get(d);
    if (row === undefined) rowsByDepth.set(d, [id]);
    else row.push(id);
  }

  const byName = (a: string, b: string) => compareText(services.get(a)!.name, services.get(b)!.name) || compareText(a, b);
  const maxDepth = largest(depth.values(), 0);
  const rows: string[][] = [];
  const position = new Map<string, number>();
  for (let d = 0; d <= maxDepth; d++) {
    const ids = rowsByDepth.get(d) ?? [];
    const barycentre = (id: string) => {
      const below = (dependsOn.get(id) ?? []).map((dep) => position.get(dep)).filter((p) => p !== undefined);
      return below.length === 0 ? Number.POSITIVE_INFINITY : below.reduce((a, b) => a + b, 0) / below.length;
    };
    const centres = new Map(ids.map((id) => [id, barycentre(id)]));
    ids.sort((a, b) => centres.get(a)! - centres.get(b)! || byName(a, b));
    // Positions as fractions of the row, so that rows of different lengths compare.
    ids.forEach((id, i) => position.set(id, ids.length === 1 ? 0.5 : i / (ids.length - 1)));
    rows.push(ids);
  }

  const longest = largest([...services.values()].map((s) => s.name.length), 0);
  const nodeWidth = Math.min(220, Math.max(120, longest * CHAR_WIDTH + 24));
  const widest = largest(rows.map((r) => r.length), 1);
  const width = MARGIN * 2 + widest * nodeWidth + (widest - 1) * H_GAP;
  const height = MARGIN * 2 + rows.length * NODE_HEIGHT + Math.max(0, rows.length - 1) * V_GAP;

  const nodes = new Map<string, GraphNode>();
  rows.forEach((ids, d) => {
    const rowWidth = ids.length * nodeWidth + (ids.length - 1) * H_GAP;
    const left = (width - rowWidth) / 2;
    const y = MARGIN + (maxDepth - d) * (NODE_HEIGHT + V_GAP) + NODE_HEIGHT / 2;
    ids.forEach((id, i) => {
      const service = services.get(id)!;
      nodes.set(id, { id, name: service.name, lifecycle: service.lifecycle, depth: d, x: left + i * (nodeWidth + H_GAP) + nodeWidth / 2, y });
    });
  });
  const edges = catalog.dependencies.map((e) => ({ from: nodes.get(e.service)!, to: nodes.get(e.dependsOn)! }));
  return { width, height, nodeWidth, nodeHeight: NODE_HEIGHT, nodes: [...nodes.values()], edges };
}

/**
 * Each service's depth: the length of the longest chain of dependencies below it (0 for one that depends on nothing
 * listed). A depth-first search with its own stack rather than recursion, because a chain of thousands of services
 * is as deep as it is long. A cycle, which validation refuses, counts as depth 0 where it closes: drawn flat rather
 * than looping.
 */
function dependencyDepths(ids: Iterable<string>, dependsOn: ReadonlyMap<string, readonly string[]>): Map<string, number> {
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  for (const root of ids) {
    if (depth.has(root)) continue;
    const stack = [{ id: root, below: dependsOn.get(root) ?? [], next: 0, deepest: -1 }];
    visiting.add(root);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      if (frame.next < frame.below.length) {
        const dependency = frame.below[frame.next++]!;
        const known = depth.get(dependency);
        if (known !== undefined) frame.deepest = Math.max(frame.deepest, known);
        else if (visiting.has(dependency)) frame.deepest = Math.max(frame.deepest, 0);
        else {
          visiting.add(dependency);
          stack.push({ id: dependency, below: dependsOn.get(dependency) ?? [], next: 0, deepest: -1 });
        }
        continue;
      }
      stack.pop();
      visiting.delete(frame.id);
      depth.set(frame.id, frame.deepest + 1);
      const parent = stack[stack.length - 1];
      if (parent !== undefined) parent.deepest = Math.max(parent.deepest, frame.deepest + 1);
    }
  }
  return depth;
}

/** The largest of the values, or `floor` if it is larger (or there are none); a loop, since spreading thousands of arguments overflows the stack. */
function largest(values: Iterable<number>, floor: number): number {
  let max = floor;
  for (const value of values) if (value > max) max = value;
  return max;
}

function truncate(text: string, chars: number): string {
  return text.length <= chars ? text : `${text.slice(0, Math.max(1, chars - 1))}…`;
}

/** The layout as inline SVG: each box links to its service's entry; arrows point to what a service depends on. */
export function svgGraph(catalog: Catalog, anchorOf: (id: string) => string): string {
  const layout = layoutGraph(catalog);
  const { nodeWidth: w, nodeHeight: h } = layout;
  const maxChars = Math.floor((w - 16) / CHAR_WIDTH);
  const parts = [
    `<svg class="graph" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}" role="img" aria-label="Dependency graph of the listed services">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z"/></marker></defs>',
  ];
  // Each edge leaves and enters its boxes at its own point, spread along the edge in the order of the other ends, so
  // that the arrows into a much-used service (the network) stay apart instead of meeting in one point.
  const port = (node: GraphNode, others: GraphNode[], other: GraphNode) => {
    const sorted = [...others].sort((a, b) => a.x - b.x || compareText(a.id, b.id));
    return node.x - w / 2 + ((sorted.indexOf(other) + 1) * w) / (sorted.length + 1);
  };
  const outgoing = new Map<GraphNode, GraphNode[]>();
  const incoming = new Map<GraphNode, GraphNode[]>();
  for (const { from, to } of layout.edges) {
    outgoing.set(from, [...(outgoing.get(from) ?? []), to]);
    incoming.set(to, [...(incoming.get(to) ?? []), from]);
  }
  for (const { from, to } of layout.edges) {
    const x1 = port(from, outgoing.get(from)!, to);
    const y1 = from.y + h / 2;
    const x2 = port(to, incoming.get(to)!, from);
    const y2 = to.y - h / 2;
    const bend = (y2 - y1) / 2;
    parts.push(`<path class="edge" d="M${x1},${y1}C${x1},${y1 + bend} ${x2},${y2 - bend} ${x2},${y2}" marker-end="url(#arrow)"/>`);
  }
  for (const node of layout.nodes) {
    parts.push(
      `<a href="#${escapeHtml(anchorOf(node.id))}" class="node ${node.lifecycle}"><title>${escapeHtml(node.name)}</title>` +
        `<rect x="${node.x - w / 2}" y="${node.y - h / 2}" width="${w}" height="${h}" rx="6"/>` +
        `<text x="${node.x}" y="${node.y}" text-anchor="middle" dominant-baseline="central">${escapeHtml(truncate(node.name, maxChars))}</text></a>`,
    );
  }
  parts.push('</svg>');
  return parts.join('\n');
}
