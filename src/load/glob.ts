/**
 * Exclude patterns, in the subset of gitignore syntax that people write in practice: `*` matches within a path
 * segment, `**` across segments, `?` one character; a pattern with no `/` matches a file or folder name anywhere;
 * a pattern that matches a folder excludes everything below it.
 */
export function compileExcludes(patterns: readonly string[]): (relativePath: string) => boolean {
  const matchers = patterns.map(compilePattern);
  return (relativePath) => {
    const segments = relativePath.split('/');
    for (let i = 1; i <= segments.length; i++) {
      const prefix = segments.slice(0, i).join('/');
      const name = segments[i - 1]!;
      if (matchers.some((m) => m(prefix, name))) return true;
    }
    return false;
  };
}

function compilePattern(pattern: string): (path: string, name: string) => boolean {
  const trimmed = pattern.replace(/^\.\//, '').replace(/\/+$/, '');
  const anchored = trimmed.includes('/');
  const re = new RegExp(`^${globToRegex(trimmed.replace(/^\//, ''))}$`);
  return anchored ? (path) => re.test(path) : (_path, name) => re.test(name);
}

function globToRegex(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      out += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (ch === '*') {
      out += '[^/]*';
    } else if (ch === '?') {
      out += '[^/]';
    } else {
      out += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return out;
}
