import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/errors.js';
import { checkMemoryBudget, HEAP_BYTES_PER_YAML_BYTE } from '../../src/load/memory-budget.js';
import { workerCount } from '../../src/load/worker-count.js';
import { runCli } from '../helpers/cli.js';
import { scratchFolders } from '../helpers/temp-repo.js';

const MB = 1024 ** 2;
const GB = 1024 ** 3;

describe('workerCount', () => {
  const large = { requested: undefined, cores: 2, load: 0, files: 12, bytes: 62 * MB, thresholdBytes: 8 * MB, repositoryBytes: 62 * MB, heapLimit: 4144 * MB };

  it('uses the cores that are idle: cores minus the load average, rounded', () => {
    expect(workerCount(large)).toBe(2);
    // 2 cores, load 0.4: 1.6 idle, rounds to 2; load 0.6: 1.4 idle, rounds to 1 (the main thread alone).
    expect(workerCount({ ...large, load: 0.4 })).toBe(2);
    expect(workerCount({ ...large, load: 0.6 })).toBe(1);
    // A machine busier than it has cores parses on the main thread: a thread would only add its own cost.
    expect(workerCount({ ...large, load: 15 })).toBe(1);
    expect(workerCount({ ...large, cores: 16, load: 3.2 })).toBe(12); // 12.8 idle, but 12 files
  });

  it('starts none below the threshold, even when asked, and no more than one per file', () => {
    expect(workerCount({ ...large, bytes: 8 * MB - 1 })).toBe(1);
    expect(workerCount({ ...large, bytes: 8 * MB - 1, requested: 4 })).toBe(1);
    expect(workerCount({ ...large, requested: 4, load: 15 })).toBe(4);
    expect(workerCount({ ...large, requested: 40 })).toBe(12);
  });

  it('starts none, unless asked, when the documents will fill more than half the heap', () => {
    // 4,144 MB of heap: half is 2,072 MB, which 4 bytes per byte of YAML reach at 518 MB of YAML.
    expect(workerCount({ ...large, repositoryBytes: 518 * MB })).toBe(2); // 2,072 MB: not more than half
    expect(workerCount({ ...large, repositoryBytes: 518 * MB + 1 })).toBe(1);
    // 1,000,000 tickets, 618 MB of YAML (2,472 MB of documents), on an idle machine: the main thread alone.
    expect(workerCount({ ...large, bytes: 618 * MB, repositoryBytes: 618 * MB })).toBe(1);
    // Asked for, threads are still started: --workers is the user's choice.
    expect(workerCount({ ...large, repositoryBytes: 618 * MB, requested: 2 })).toBe(2);
    // What counts is the whole repository, cache hits included: 10 MB left to parse of 618 MB still holds 2,472 MB.
    expect(workerCount({ ...large, bytes: 10 * MB, repositoryBytes: 618 * MB })).toBe(1);
  });
});

describe('checkMemoryBudget', () => {
  it('lets through what fits, at the estimate of the heap per byte of YAML', () => {
    expect(HEAP_BYTES_PER_YAML_BYTE).toBe(4);
    // 1,000,000 generated tickets are 647 MB of YAML: 4 × 647 MB = 2,588 MB, under the 4,144 MB default of Node 20 here.
    expect(() => checkMemoryBudget(647 * MB, 4144 * MB)).not.toThrow();
    expect(() => checkMemoryBudget(1036 * MB, 4144 * MB)).not.toThrow(); // exactly 4,144 MB
  });

  it('refuses what cannot fit, before parsing, saying how much is needed and how to allow it', () => {
    // 5,000,000 tickets: 3.1 GB of YAML × 4 = 12.4 GB; 12.4 GB + 0.5 GB = 12.9 GB, rounded up to whole GB: 13,312 MB.
    let error: unknown;
    try {
      checkMemoryBudget(3.1 * GB, 4144 * MB);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataError);
    expect((error as Error).message).toBe(
      'the repository has 3.1 GB of YAML, which needs about 12.4 GB of memory to load; Node.js allows this process 4.0 GB. ' +
        'Run with NODE_OPTIONS=--max-old-space-size=13312 (megabytes) on a machine with that much memory, or exclude older tickets in itsm.yaml',
    );
  });
});

describe('a repository too large for the heap, end to end', () => {
  const scratch = scratchFolders('itsm-memory-');

  it('exits 2 with one line saying so, not with V8\'s heap error', () => {
    const root = scratch.empty();
    writeFileSync(join(root, 'itsm.yaml'), 'apiVersion: itsm/v1\nkind: Config\nmetadata:\n  id: big\nspec:\n  currency: EUR\n  timeZone: UTC\n');
    // 400,000 lines of 102 bytes = 40,800,000 bytes (38.9 MB, shown rounded up: 39 MB); × 4 = 163,200,000 bytes =
    // 155.6 MB, shown 156 MB: more than the 112 MB heap that --max-old-space-size=64 gives (old space and young).
    // Comments: the refusal comes before anything is parsed.
    writeFileSync(join(root, 'tickets.yaml'), `# ${'x'.repeat(99)}\n`.repeat(400_000));
    const result = runCli(['validate', root], { env: { NODE_OPTIONS: '--max-old-space-size=64' } });
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^itsm: the repository has 39 MB of YAML, which needs about 156 MB of memory to load; Node\.js allows this process \d+ MB\. Run with NODE_OPTIONS=--max-old-space-size=1024 \(megabytes\)/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.status).toBe(2);
  });
});
