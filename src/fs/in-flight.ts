/**
 * What must be undone if the process stops in the middle of a write: temporary files to remove, repository locks to
 * release. While anything is registered, SIGINT, SIGTERM and SIGHUP run every undo and then end the process by the
 * same signal, so that the shell sees the conventional status (130, 143, 129) and a script that was interrupted stops
 * too (https://www.cons.org/cracauer/sigint.html explains why re-raising beats `exit(130)`). The undos also run when
 * the process exits any other way with something still registered.
 *
 * This is the one module outside src/cli that listens to the process: the clean-up has to follow the writes, and the
 * writes happen below the CLI (the import writer). The handlers are installed only while something is in flight, so
 * every other moment keeps Node's default, immediate reaction to Ctrl-C.
 */

type Undo = () => void;

const pending = new Set<{ undo: Undo }>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type HandledSignal = (typeof SIGNALS)[number];
const EXIT_STATUS: Readonly<Record<HandledSignal, number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

/** Registers `undo` until the returned function is called (after the write succeeded or was undone). */
export function untilDone(undo: Undo): () => void {
  const entry = { undo };
  pending.add(entry);
  if (pending.size === 1) install();
  return () => {
    if (!pending.delete(entry)) return;
    if (pending.size === 0) uninstall();
  };
}

/** Runs every registered undo, newest first; an undo that fails does not stop the others. */
export function undoAll(): void {
  const entries = [...pending].reverse();
  pending.clear();
  uninstall();
  for (const { undo } of entries) {
    try {
      undo();
    } catch {
      // Best effort: what could not be removed is found and removed at the next write (stale-temp-files.ts).
    }
  }
}

/** How many undos are registered (for tests). */
export function inFlightCount(): number {
  return pending.size;
}

const onSignal = (signal: HandledSignal): void => {
  undoAll();
  process.kill(process.pid, signal);
  // Only reached where the signal cannot be re-raised (Windows emulates signals): end with the same status.
  process.exit(EXIT_STATUS[signal]);
};
const onExit = (): void => undoAll();

function install(): void {
  for (const signal of SIGNALS) process.on(signal, onSignal);
  process.on('exit', onExit);
}

function uninstall(): void {
  for (const signal of SIGNALS) process.off(signal, onSignal);
  process.off('exit', onExit);
}
