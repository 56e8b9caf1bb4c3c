import { statSync } from 'node:fs';
import { FileCache } from './cache.js';
import { MAX_FILE_BYTES } from './decode.js';
import { availableParallelism, loadavg } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileResult } from './file-result.js';
import { finishLoad, planLoad, readYamlFile, type LoadedFiles, type LoadOptions } from './load-repository.js';
import { readRegularFile } from './read-file.js';
import type { WorkerRequest } from './worker.js';
import { checkMemoryBudget } from './memory-budget.js';
import { workerCount } from './worker-count.js';

/** Below this much YAML, starting threads costs more than it saves. */
export const PARALLEL_THRESHOLD_BYTES = 8 * 1024 * 1024;

export interface ParallelLoadOptions extends LoadOptions {
  /** Threads to parse on; 1 reads everything on the main thread. Default: the cores free now (see workerCount). */
  workers?: number;
  /** The heap this process may use, in bytes (default: V8's heap_size_limit); see checkMemoryBudget. */
  heapLimit?: number;
  /** Use threads only when the files to parse hold at least this many bytes (default PARALLEL_THRESHOLD_BYTES). */
  thresholdBytes?: number;
}

/**
 * Reads the repository like `loadFiles`, parsing and schema-checking files on worker threads when there is enough
 * YAML to pay for them. Results are assembled in the same order as `loadFiles`, so the two give identical output.
 */
export async function loadFilesParallel(root: string, options: ParallelLoadOptions = {}): Promise<LoadedFiles> {
  const plan = planLoad(root, options);
  const sizes = plan.yamlFiles.map((file) => sizeOf(join(root, file)));
  checkMemoryBudget(
    sizes.reduce((sum, size) => sum + size, 0),
    options.heapLimit ?? getHeapStatistics().heap_size_limit,
  );
  const results: FileResult[] = new Array<FileResult>(plan.yamlFiles.length);
  // Cache hits are read on this thread: parsing the cached JSON here is cheaper than copying it from a worker.
  const pending: Array<{ file: string; index: number; size: number }> = [];
  plan.yamlFiles.forEach((file, index) => {
    const cached = plan.cache ? cachedResult(root, file, plan.cache) : undefined;
    if (cached) results[index] = plan.strings.shareDocuments(cached);
    else pending.push({ file, index, size: sizes[index]! });
  });
  const total = pending.reduce((sum, p) => sum + p.size, 0);
  const wanted = workerCount({
    requested: options.workers,
    cores: availableParallelism(),
    load: loadavg()[0] ?? 0,
    files: pending.length,
    bytes: total,
    thresholdBytes: options.thresholdBytes ?? PARALLEL_THRESHOLD_BYTES,
  });
  const workerUrl = workerScript();
  if (wanted === 1 || workerUrl === undefined) {
    for (const p of pending) results[p.index] = plan.strings.shareDocuments(readYamlFile(root, p.file, plan.cache));
    return finishLoad(plan, results);
  }
  // Largest files first, so that no thread is left with one big file at the end.
  const queue = [...pending].sort((a, b) => b.size - a.size || a.index - b.index);
  const cache = plan.cache ? { dir: plan.cache.directory, fingerprint: plan.cache.fingerprintValue } : undefined;
  const workers = Array.from({ length: wanted }, () => new Worker(workerUrl));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const next = () => {
              const job = queue.shift();
              if (!job) {
                resolve();
                return;
              }
              const request: WorkerRequest = { root, file: job.file, index: job.index };
              if (cache) request.cache = cache;
              worker.postMessage(request);
            };
            // Results come back as JSON text: one flat string crosses threads far faster than a deep object graph.
            worker.on('message', (message: { index: number; json: string }) => {
              const result = JSON.parse(message.json) as FileResult;
              for (const doc of result.documents) doc.checked = true;
              results[message.index] = plan.strings.shareDocuments(result);
              next();
            });
            worker.on('error', reject);
            next();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return finishLoad(plan, results);
}

function cachedResult(root: string, file: string, cache: FileCache): FileResult | undefined {
  // Anything unusual (too large, not a regular file, unreadable) is left to readYamlFile, which reports it.
  const read = readRegularFile(join(root, file), MAX_FILE_BYTES);
  return read.ok ? cache.get(file, FileCache.hash(read.bytes)) : undefined;
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** The compiled worker script; when running from TypeScript sources (tests), the built copy in dist/. */
function workerScript(): URL | undefined {
  const here = new URL(import.meta.url);
  if (here.pathname.endsWith('.js')) return new URL('./worker.js', here);
  const built = new URL('../../dist/load/worker.js', here);
  try {
    statSync(built);
    return built;
  } catch {
    return undefined;
  }
}
