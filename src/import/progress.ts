/**
 * A one-line progress bar for long imports. Drawn on stderr and only when stderr is a terminal (knip, eslint and
 * npm do the same): in CI logs and pipes a bar is noise, so there it draws nothing at all.
 */

export interface ProgressState {
  /** Bytes of the input read so far. */
  bytes: number;
  /** Rows (or records) read so far. */
  rows: number;
  /** What is being done, e.g. "reading" or "pass 2/2". */
  label: string;
}

export interface Progress {
  update(state: Partial<ProgressState>): void;
  /** Clears the bar, leaving the line empty for what is printed next. */
  done(): void;
}

export interface ProgressOptions {
  stream: Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean; columns?: number };
  totalBytes: number;
  /** Redraw at most this often; default 100 ms. */
  intervalMs?: number;
  now?: () => number;
}

const NO_PROGRESS: Progress = { update() {}, done() {} };

export function createProgress(options: ProgressOptions): Progress {
  if (options.stream.isTTY !== true) return NO_PROGRESS;
  const { stream, totalBytes } = options;
  const interval = options.intervalMs ?? 100;
  const now = options.now ?? Date.now;
  const started = now();
  let last = -Infinity;
  let drawn = false;
  const state: ProgressState = { bytes: 0, rows: 0, label: 'reading' };
  return {
    update(change) {
      Object.assign(state, change);
      const t = now();
      if (t - last < interval) return;
      last = t;
      drawn = true;
      stream.write(`\r${formatProgress(state, totalBytes, t - started, Math.max(20, (stream.columns ?? 80) - 1))}\x1b[K`);
    },
    done() {
      if (drawn) stream.write('\r\x1b[K');
      drawn = false;
    },
  };
}

/** The bar's text, at most `width` characters: `reading [=====>     ]  45%  63,772 rows  2.1s`. Pure. */
export function formatProgress(state: ProgressState, totalBytes: number, elapsedMs: number, width = 79): string {
  const fraction = totalBytes > 0 ? Math.min(1, state.bytes / totalBytes) : 0;
  const percent = `${String(Math.floor(fraction * 100)).padStart(3)}%`;
  const tail = ` ${percent}  ${state.rows.toLocaleString('en-US')} rows  ${(elapsedMs / 1000).toFixed(1)}s`;
  const barWidth = Math.max(0, Math.min(30, width - state.label.length - tail.length - 3));
  if (barWidth < 5) return `${state.label}${tail}`.slice(0, width);
  const filled = Math.round(fraction * barWidth);
  const bar = filled >= barWidth ? '='.repeat(barWidth) : `${'='.repeat(filled)}>${' '.repeat(barWidth - filled - 1)}`;
  return `${state.label} [${bar}]${tail}`.slice(0, width);
}
