/**
 * Hooks for the tests of races, signals and I/O errors, which must not depend on timing: a writer can be stopped at
 * a named point until the test lets it go on, and a write can be made to fail with a chosen errno. Inert unless the
 * environment sets them; not an interface for users.
 *
 * - `ITSM_TEST_PAUSE=<point>`: at that point the process prints `itsm-test: paused at <point>` on stderr and waits
 *   for a line (or the end) on stdin. While it waits, the event loop runs, so signals are handled.
 * - `ITSM_TEST_FAIL=<point>:<CODE>`: at that point the operation fails as the system would with that errno code
 *   (`write:ENOSPC` fails the data write of a file after half of it was written).
 */

export type PausePoint = 'import-before-write' | 'import-temp-written';
export type FailurePoint = 'write';

export async function pauseAt(point: PausePoint): Promise<void> {
  if (process.env.ITSM_TEST_PAUSE !== point) return;
  process.stderr.write(`itsm-test: paused at ${point}\n`);
  const stdin = process.stdin;
  await new Promise<void>((resolve) => {
    const go = () => {
      stdin.off('data', go);
      stdin.off('end', go);
      stdin.pause();
      resolve();
    };
    stdin.on('data', go);
    stdin.on('end', go);
    stdin.resume();
  });
}

/** The error to fail with at `point`, or undefined (always, outside the tests). */
export function injectedFailure(point: FailurePoint, path: string): NodeJS.ErrnoException | undefined {
  const setting = process.env.ITSM_TEST_FAIL;
  if (setting === undefined || !setting.startsWith(`${point}:`)) return undefined;
  const code = setting.slice(point.length + 1);
  const error: NodeJS.ErrnoException = new Error(`${code}: injected by ITSM_TEST_FAIL, ${point} '${path}'`);
  error.code = code;
  error.syscall = point;
  return error;
}
