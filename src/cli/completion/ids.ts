/**
 * The ids of the documents of one kind in a YAML file's text, found by scanning it rather than parsing it: completion
 * runs at every Tab, and a year of tickets parses in seconds but scans in milliseconds. It reads what itsm writes and
 * what people write by hand (`kind: Service` at the start of a line, then `metadata:` with an indented `id:`, or
 * `metadata: { id: … }`); a document written otherwise is not offered, which costs a completion, never a figure.
 */
export function idsInYaml(text: string, kind: string): string[] {
  const ids: string[] = [];
  for (const document of text.split(/^---[ \t]*(?:#[^\n]*)?\r?$/m)) {
    const kindLine = /^kind:[ \t]*(["']?)([A-Za-z]+)\1[ \t]*(?:#[^\n]*)?\r?$/m.exec(document);
    if (kindLine?.[2] !== kind) continue;
    const id = metadataId(document);
    if (id !== undefined) ids.push(id);
  }
  return ids;
}

function metadataId(document: string): string | undefined {
  const flow = /^metadata:[ \t]*\{[^}]*?\bid:[ \t]*(["']?)([^\s"',}#]+)\1/m.exec(document);
  if (flow) return flow[2];
  const block = /^metadata:[ \t]*(?:#[^\n]*)?\r?\n((?:(?:[ \t]+[^\n]*)?\r?\n)*)/m.exec(document);
  if (!block) return undefined;
  return /^[ \t]+id:[ \t]*(["']?)([^\s"'#]+)\1/m.exec(block[1]!)?.[2];
}
