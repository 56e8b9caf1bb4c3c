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

  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const depthOf = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0; // a cycle, which validation refuses: drawn flat rather than looping
    visiting.add(id);
    const d = Math.max(-1, ...(dependsOn.get(id) ?? []).map(depthOf)) + 1;
    visiting.delete(id);
    depth.set(id, d);
    return d;
  };
  for (const id of services.keys()) depthOf(id);

  const byName = (a: string, b: string) => compareText(services.get(a)!.name, services.get(b)!.name) || compareText(a, b);
  const maxDepth = Math.max(0, ...depth.values());
  const rows: string[][] = [];
  const position = new Map<string, number>();
  for (let d = 0; d <= maxDepth; d++) {
    const ids = [...services.keys()].filter((id) => depth.get(id) === d);
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

  const longest = Math.max(0, ...[...services.values()].map((s) => s.name.length));
  const nodeWidth = Math.min(220, Math.max(120, longest * CHAR_WIDTH + 24));
  const widest = Math.max(1, ...rows.map((r) => r.length));
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
