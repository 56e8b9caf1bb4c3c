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
import { MemoryFileCache } from './memory-cache.js';

/** Below this much YAML, starting threads costs more than it saves. */
export const PARALLEL_THRESHOLD_BYTES = 8 * 1024 * 1024;

/**
 * From this much YAML on, each file's strings are shared as it lands (string-pool.ts): half the heap after loading,
 * for about 15 % more CPU. Below it the heap is far under any limit (100,000 tickets, 62 MB, peak at about 430 MB),
 * so the CPU is worth more; above it (about 200,000 tickets) memory starts to decide whether a run completes.
 */
export const SHARE_STRINGS_FROM_BYTES = 128 * 1024 * 1024;

export interface ParallelLoadOptions extends LoadOptions {
  /** Threads to parse on; 1 reads everything on the main thread. Default: the cores free now (see workerCount). */
  workers?: number;
  /** The heap this process may use, in bytes (default: V8's heap_size_limit); see checkMemoryBudget. */
  heapLimit?: number;
  /** Use threads only when the files to parse hold at least this many bytes (default PARALLEL_THRESHOLD_BYTES). */
  thresholdBytes?: number;
  /** Share strings only when the YAML files hold at least this many bytes (default SHARE_STRINGS_FROM_BYTES). */
  shareStringsFromBytes?: number;
  /** Files not to read, with what stands for each (a ticket file whose kept facts stand for its tickets: no documents). */
  given?: ReadonlyMap<string, FileResult>;
}

/**
 * Reads the repository like `loadFiles`, parsing and schema-checking files on worker threads when there is enough
 * YAML to pay for them. Results are assembled in the same order as `loadFiles`, so the two give identical output.
 */
export async function loadFilesParallel(root: string, options: ParallelLoadOptions = {}): Promise<LoadedFiles> {
  const plan = planLoad(root, options);
  const given = options.given ?? new Map<string, FileResult>();
  const sizes = plan.yamlFiles.map((file) => (given.has(file) ? 0 : sizeOf(join(root, file))));
  const bytes = sizes.reduce((sum, size) => sum + size, 0);
  const heapLimit = options.heapLimit ?? getHeapStatistics().heap_size_limit;
  checkMemoryBudget(bytes, heapLimit);
  // Sharing strings costs about 15 % of a load's CPU and buys memory that only large repositories need.
  const sharing = bytes >= (options.shareStringsFromBytes ?? SHARE_STRINGS_FROM_BYTES);
  const share = sharing ? (result: FileResult) => plan.strings.shareDocuments(result) : (result: FileResult) => result;
  // Files read on this thread share their strings as they are read (plain-yaml.ts), which costs less than a walk after.
  const strings = sharing ? plan.strings : undefined;
  const results: FileResult[] = new Array<FileResult>(plan.yamlFiles.length);
  // Cache hits are read on this thread: parsing the cached JSON here is cheaper than copying it from a worker.
  const pending: Array<{ file: string; index: number; size: number }> = [];
  // A cache in this thread's memory cannot reach the workers: it keeps what they send back, by the hash read here.
  const memory = plan.cache instanceof MemoryFileCache ? { cache: plan.cache, hashes: new Map<number, string>() } : undefined;
  plan.yamlFiles.forEach((file, index) => {
    const stands = given.get(file);
    if (stands !== undefined) {
      results[index] = stands;
      return;
    }
    const looked = plan.cache ? cachedResult(root, file, plan.cache) : undefined;
    if (looked?.result) results[index] = share(looked.result);
    else {
      pending.push({ file, index, size: sizes[index]! });
      if (memory && looked?.hash !== undefined) memory.hashes.set(index, looked.hash);
    }
  });
  const total = pending.reduce((sum, p) => sum + p.size, 0);
  const wanted = workerCount({
    requested: options.workers,
    cores: availableParallelism(),
    load: loadavg()[0] ?? 0,
    files: pending.length,
    bytes: total,
    thresholdBytes: options.thresholdBytes ?? PARALLEL_THRESHOLD_BYTES,
    repositoryBytes: bytes,
    heapLimit,
  });
  const workerUrl = workerScript();
  if (wanted === 1 || workerUrl === undefined) {
    for (const p of pending) results[p.index] = share(readYamlFile(root, p.file, plan.cache, strings));
    return finishLoad(plan, results);
  }
  // Largest files first, so that no thread is left with one big file at the end.
  const queue = [...pending].sort((a, b) => b.size - a.size || a.index - b.index);
  const cache = plan.cache && !memory ? { dir: plan.cache.directory, fingerprint: plan.cache.fingerprintValue } : undefined;
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
              results[message.index] = share(result);
              const hash = memory?.hashes.get(message.index);
              if (hash !== undefined) memory!.cache.set(plan.yamlFiles[message.index]!, hash, result);
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

function cachedResult(root: string, file: string, cache: FileCache): { result: FileResult | undefined; hash: string } | undefined {
  // Anything unusual (too large, not a regular file, unreadable) is left to readYamlFile, which reports it.
  const read = readRegularFile(join(root, file), MAX_FILE_BYTES);
  if (!read.ok) return undefined;
  const hash = FileCache.hash(read.bytes);
  return { result: cache.get(file, hash), hash };
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
