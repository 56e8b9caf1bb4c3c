/**
 * Orders names as people read them: case-insensitively, then by code point so that the order is total. Deliberately
 * not `localeCompare`, whose result depends on the ICU data of the runtime: the same repository must give
 * byte-identical output everywhere.
 */
export function compareText(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
