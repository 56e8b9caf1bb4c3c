import { DataError } from '../errors.js';

/**
 * How much memory loading a repository takes per byte of its YAML: at 1,000,000 tickets (647 MB of YAML) 2,047 MB of
 * heap are live after loading and `validate` peaks at 2,671 MB, 3.2 and 4.1 bytes per byte (docs/performance.md).
 * Rounded to 4, so that only a repository that cannot fit is refused: one that might fit is loaded.
 */
export const HEAP_BYTES_PER_YAML_BYTE = 4;

const GB = 1024 ** 3;
const MB = 1024 ** 2;

/**
 * Refuses, before anything is parsed, a repository whose documents cannot fit in the heap this process may use
 * (`heapLimit`, V8's heap_size_limit): without this the load would run for minutes and then end in V8's own
 * "JavaScript heap out of memory" with a stack of native frames. The message says how to give Node.js more.
 */
export function checkMemoryBudget(yamlBytes: number, heapLimit: number): void {
  const needed = yamlBytes * HEAP_BYTES_PER_YAML_BYTE;
  if (needed <= heapLimit) return;
  const size = (bytes: number) => (bytes >= GB ? `${(bytes / GB).toFixed(1)} GB` : `${Math.ceil(bytes / MB)} MB`);
  // Half a gigabyte more than the estimate, for the report built on top of the documents.
  const suggestedMb = Math.ceil((needed + GB / 2) / MB / 1024) * 1024;
  throw new DataError(
    `the repository has ${size(yamlBytes)} of YAML, which needs about ${size(needed)} of memory to load; Node.js allows this process ${size(heapLimit)}. ` +
      `Run with NODE_OPTIONS=--max-old-space-size=${suggestedMb} (megabytes) on a machine with that much memory, or exclude older tickets in itsm.yaml`,
  );
}
