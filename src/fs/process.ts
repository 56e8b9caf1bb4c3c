import { hostname } from 'node:os';

/** This machine's name, as a lock file records it: a pid means something only on the host that issued it. */
export function thisHost(): string {
  return hostname();
}

/**
 * Whether a process with this pid runs on this host. Signal 0 checks without sending anything: ESRCH means there is
 * no such process; EPERM means there is one that belongs to another user.
 */
export function isRunning(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
