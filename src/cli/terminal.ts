/** Colour only on a terminal and only when the user has not asked for none (https://no-color.org). */
export function shouldColor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
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
