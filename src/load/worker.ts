import { parentPort } from 'node:worker_threads';
import { FileCache } from './cache.js';
import { readYamlFile } from './load-repository.js';

/** A worker of the parallel loader: reads, parses and schema-checks the files it is sent, one message per file. */
export interface WorkerRequest {
  root: string;
  file: string;
  index: number;
  cache?: { dir: string; fingerprint: string };
}

const caches = new Map<string, FileCache>();

parentPort?.on('message', (request: WorkerRequest) => {
  let cache: FileCache | undefined;
  if (request.cache) {
    const key = `${request.cache.dir}\u0000${request.cache.fingerprint}`;
    cache = caches.get(key) ?? new FileCache(request.cache.dir, request.cache.fingerprint);
    caches.set(key, cache);
  }
  const result = readYamlFile(request.root, request.file, cache);
  parentPort!.postMessage({ index: request.index, json: JSON.stringify(result) });
});
