import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { FileChangedError, fileIdentity, openAtomicFile, tempPathOf, writeFileAtomic } from '../../src/fs/file-writer.js';
import { inFlightCount } from '../../src/fs/in-flight.js';
import { IoError } from '../../src/fs/io-error.js';

const root = mkdtempSync(join(tmpdir(), 'itsm-file-writer-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => {
  delete process.env.ITSM_TEST_FAIL;
  // Every write registers its temporary file for the signal handlers, and unregisters it when it is done.
  expect(inFlightCount()).toBe(0);
});

let n = 0;
const fresh = () => {
  const dir = join(root, `case-${++n}`);
  mkdirSync(dir);
  return dir;
};

describe('writeFileAtomic', () => {
  it('creates the folders, writes the file and leaves no temporary file', () => {
    const dir = fresh();
    writeFileAtomic(join(dir, 'a/b/c.yaml'), 'x: 1\n');
    expect(readFileSync(join(dir, 'a/b/c.yaml'), 'utf8')).toBe('x: 1\n');
    expect(readdirSync(join(dir, 'a/b'))).toEqual(['c.yaml']);
  });

  it('writes through a temporary file beside the target, named for the target and the process', () => {
    const dir = fresh();
    const file = openAtomicFile(join(dir, '2016-03.yaml'));
    file.write('half');
    expect(readdirSync(dir)).toEqual([`.2016-03.yaml.${process.pid}.tmp`]);
    expect(tempPathOf(join(dir, '2016-03.yaml'))).toBe(join(dir, `.2016-03.yaml.${process.pid}.tmp`));
    file.abort();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a failed write leaves the old file as it was and removes the temporary file', () => {
    const dir = fresh();
    const path = join(dir, 'report.csv');
    writeFileSync(path, 'old\n');
    process.env.ITSM_TEST_FAIL = 'write:ENOSPC';
    expect(() => writeFileAtomic(path, 'new\n'.repeat(1000))).toThrow(new IoError('write', path, 'ENOSPC'));
    expect(readFileSync(path, 'utf8')).toBe('old\n');
    expect(readdirSync(dir)).toEqual(['report.csv']);
  });

  it('replaces a temporary file of its own pid that it is not writing (left by an earlier process with that pid)', () => {
    const dir = fresh();
    const path = join(dir, 'a.yaml');
    writeFileSync(tempPathOf(path), 'stale');
    writeFileAtomic(path, 'fresh\n');
    expect(readdirSync(dir)).toEqual(['a.yaml']);
    expect(readFileSync(path, 'utf8')).toBe('fresh\n');
  });
});

describe('writing only over what was read', () => {
  it('{ absent }: creates the file, but never over one that appeared meanwhile', () => {
    const dir = fresh();
    const path = join(dir, 'new.yaml');
    writeFileAtomic(path, 'mine\n', { absent: true });
    expect(readFileSync(path, 'utf8')).toBe('mine\n');

    const file = openAtomicFile(join(dir, 'race.yaml'), { absent: true });
    file.write('ours\n');
    writeFileSync(join(dir, 'race.yaml'), 'theirs\n');
    expect(() => file.commit()).toThrow(new FileChangedError(join(dir, 'race.yaml'), 'created'));
    expect(readFileSync(join(dir, 'race.yaml'), 'utf8')).toBe('theirs\n');
    expect(readdirSync(dir).sort()).toEqual(['new.yaml', 'race.yaml']);
  });

  it('{ identity }: replaces the file read, but not one written, replaced or removed since', () => {
    const dir = fresh();
    const path = join(dir, 'shard.yaml');
    writeFileSync(path, 'v1\n');
    const read = fileIdentity(path)!;
    writeFileAtomic(path, 'v2\n', { identity: read });
    expect(readFileSync(path, 'utf8')).toBe('v2\n');

    // Written in place (same inode, new size and times).
    const before = fileIdentity(path)!;
    writeFileSync(path, 'edited in place\n');
    expect(() => writeFileAtomic(path, 'v3\n', { identity: before })).toThrow(new FileChangedError(path, 'changed'));
    expect(readFileSync(path, 'utf8')).toBe('edited in place\n');

    // Replaced by a rename (a new inode), even with the same content.
    const again = fileIdentity(path)!;
    writeFileAtomic(path, 'edited in place\n');
    expect(() => writeFileAtomic(path, 'v3\n', { identity: again })).toThrow(new FileChangedError(path, 'changed'));

    const last = fileIdentity(path)!;
    rmSync(path);
    expect(() => writeFileAtomic(path, 'v3\n', { identity: last })).toThrow(new FileChangedError(path, 'removed'));
    expect(readdirSync(dir)).toEqual([]);
  });
});
