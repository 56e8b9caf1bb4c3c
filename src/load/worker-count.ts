import { HEAP_BYTES_PER_YAML_BYTE } from './memory-budget.js';

/** What the choice of parsing threads depends on; `load` is the one-minute load average of the machine. */
export interface WorkerCountInput {
  /** --workers, when given: then it is used as given (up to one thread per file, and none on a small repository). */
  requested: number | undefined;
  cores: number;
  load: number;
  /** Files to parse (cache hits are read on the main thread) and their bytes. */
  files: number;
  bytes: number;
  /** Below this much YAML, starting threads costs more than it saves. */
  thresholdBytes: number;
  /** The bytes of YAML in the whole repository, cache hits included: what the main thread's documents will take. */
  repositoryBytes: number;
  /** The heap this process may use (V8's heap_size_limit). */
  heapLimit: number;
}

/**
 * How many threads parse the repository; 1 means the main thread alone. A thread costs CPU of its own (it starts,
 * loads the schemas, and its results are copied back), so threads only pay where a core is idle to run them: the
 * default is the cores not already busy (cores minus the load average, rounded), none on a repository too
 * small to pay for starting them, and never more than one per file.
 *
 * Nor, by default, on a repository whose documents will fill more than half the heap (HEAP_BYTES_PER_YAML_BYTE per
 * byte of YAML). A thread holds the file it parses, and the text it sends back, beside what the main thread keeps:
 * at 1,000,000 tickets two threads took the peak from 1.5 to 2.5 GB and the CPU from 90 to 120 s, to save 6 s of 82
 * (docs/performance.md). Where memory is what runs out first, a few seconds are the cheaper price.
 */
export function workerCount(input: WorkerCountInput): number {
  const { requested, cores, load, files, bytes, thresholdBytes, repositoryBytes, heapLimit } = input;
  if (bytes < thresholdBytes) return 1;
  if (requested !== undefined) return Math.max(1, Math.min(requested, files));
  if (repositoryBytes * HEAP_BYTES_PER_YAML_BYTE > heapLimit / 2) return 1;
  const idle = Math.round(cores - load);
  return Math.max(1, Math.min(idle, files));
}
