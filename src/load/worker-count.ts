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
}

/**
 * How many threads parse the repository; 1 means the main thread alone. A thread costs CPU of its own (it starts,
 * loads the schemas, and its results are copied back), so threads only pay where a core is idle to run them: the
 * default is the cores not already busy (cores minus the load average, rounded), none on a repository too
 * small to pay for starting them, and never more than one per file.
 */
export function workerCount(input: WorkerCountInput): number {
  const { requested, cores, load, files, bytes, thresholdBytes } = input;
  if (bytes < thresholdBytes) return 1;
  if (requested !== undefined) return Math.max(1, Math.min(requested, files));
  const idle = Math.round(cores - load);
  return Math.max(1, Math.min(idle, files));
}
