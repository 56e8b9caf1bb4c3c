import { DataError } from '../errors.js';
import type { GitCheckout } from './repository.js';
import { firstLine, runGit } from './run.js';

/**
 * Reads many blobs through ONE `git cat-file --batch` process (one process per file would cost a fork each: a year of
 * ticket files is hundreds). Each blob is handed to `onBlob` as soon as it is complete, in the order asked for, so the
 * whole revision is never held in memory at once.
 */
export async function readBlobs(checkout: GitCheckout, oids: readonly string[], onBlob: (oid: string, bytes: Buffer) => void): Promise<void> {
  if (oids.length === 0) return;
  const parser = batchParser(onBlob);
  const result = await runGit(['cat-file', '--batch'], { cwd: checkout.top, input: `${oids.join('\n')}\n`, onStdout: parser.push });
  if (result.status !== 0) throw new DataError(`git cat-file could not read the revision's files: ${firstLine(result.stderr) || `exit status ${result.status ?? 'killed'}`}`);
  parser.end(oids.length);
}

/**
 * The `--batch` output: for each object a header `<oid> <type> <size>\n`, the content, and a newline; or
 * `<oid> missing\n`. Chunks may split anywhere: they are kept in a list and joined once per object (joining on every
 * chunk would copy a large file over and over).
 */
function batchParser(onBlob: (oid: string, bytes: Buffer) => void): { push: (chunk: Buffer) => void; end: (expected: number) => void } {
  let chunks: Buffer[] = [];
  let length = 0;
  let current: { oid: string; size: number } | undefined;
  let seen = 0;
  let failure: unknown;
  const take = (): Buffer => {
    const joined = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length);
    chunks = [];
    length = 0;
    return joined;
  };
  const push = (chunk: Buffer): void => {
    if (failure !== undefined) return;
    chunks.push(chunk);
    length += chunk.length;
    for (;;) {
      if (current === undefined) {
        if (chunk.indexOf(10) < 0 && chunks.length > 1) return;
        const data = take();
        const newline = data.indexOf(10);
        if (newline < 0) {
          chunks = [data];
          length = data.length;
          return;
        }
        const header = data.subarray(0, newline).toString('utf8').split(' ');
        if (header[1] === 'missing' || header.length !== 3) {
          failure = new DataError(`git cat-file: object ${header[0] ?? ''} is missing from the repository (a partial or damaged clone?); run \`git fsck\``);
          return;
        }
        current = { oid: header[0]!, size: Number(header[2]) };
        const rest = data.subarray(newline + 1);
        if (rest.length > 0) {
          chunks = [rest];
          length = rest.length;
        }
      }
      if (length < current.size + 1) return;
      const data = take();
      // A copy: a view would keep the whole joined buffer alive as long as the blob.
      try {
        onBlob(current.oid, Buffer.from(data.subarray(0, current.size)));
      } catch (error) {
        // Thrown from a stream's event, it would escape every caller: kept, and thrown when git has finished.
        failure = error;
        return;
      }
      const rest = data.subarray(current.size + 1);
      current = undefined;
      seen++;
      if (rest.length === 0) return;
      chunks = [rest];
      length = rest.length;
      chunk = rest;
    }
  };
  const end = (expected: number): void => {
    if (failure !== undefined) throw failure;
    if (seen !== expected) throw new DataError(`git cat-file returned ${seen} of ${expected} files; the repository may be damaged (run \`git fsck\`)`);
  };
  return { push, end };
}
