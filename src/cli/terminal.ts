/** Colour only on a terminal and only when the user has not asked for none (https://no-color.org). */
export function shouldColor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

/**
 * The width the human formats fit, in columns: `--width` when given; else the terminal's width when stdout is a
 * terminal and the output goes there; else undefined, the full layout. So a pipe, a file (`--out`) or a CI log always
 * gets the same layout, whatever the environment (COLUMNS is not read: a shell may export it without a terminal).
 */
export function outputWidth(stream: Pick<NodeJS.WriteStream, 'isTTY' | 'columns'>, options: { width?: number; out?: string }): number | undefined {
  if (options.width !== undefined) return options.width;
  if (options.out !== undefined && options.out !== '-') return undefined;
  return stream.isTTY === true && stream.columns > 0 ? stream.columns : undefined;
}

/** Writes text to stdout, keeping the last newline exactly as the formatter produced it. */
export function writeStdout(text: string): void {
  if (text !== '') process.stdout.write(text);
}

export function writeStderr(line: string): void {
  process.stderr.write(line.endsWith('\n') ? line : `${line}\n`);
}

/** A path as the user would type it from where they ran the command, with forward slashes. */
export function displayRoot(relativeToCwd: string): string {
  const p = relativeToCwd.split('\\').join('/');
  return p === '' ? '.' : p;
}
