/**
 * Exclude patterns, in the subset of gitignore syntax that people write in practice: `*` matches within a path
 * segment, `**` across segments, `?` one character; a pattern with no `/` matches a file or folder name anywhere;
 * a pattern that matches a folder excludes everything below it.
 *
 * Patterns come from itsm.yaml, which anyone who can open a pull request can edit, so matching must not be a way to
 * stall CI. A pattern compiled to a regular expression backtracks: `*a*a*a…*b` against a long name takes
 * exponential time. Every maintained JavaScript glob library (minimatch, which Node's `path.matchesGlob` uses, and
 * picomatch, micromatch, outmatch) compiles to a RegExp and documents that risk, so patterns are matched here by a
 * small automaton that follows every way the pattern could match at once (Thompson's construction): each character
 * costs at most one step per pattern position, whatever the pattern.
 */

/** The folder a walk is in, as far as the patterns are concerned: where each anchored pattern could be. */
export interface ExcludeState {
  readonly anchored: readonly Int32Array[];
}

/**
 * Exclude patterns matched one path segment at a time, for a walk: each name is read once, starting from the state of
 * its folder, so a deep tree costs no more than a shallow one per entry.
 */
export interface SegmentExcludes<S> {
  /** The state of the repository root. */
  readonly root: S;
  /** Whether the entry `name` of the folder whose state is `folder` is excluded, and its state if it is a folder. */
  enter(folder: S, name: string): { excluded: boolean; state: S };
}

/** The patterns as a SegmentExcludes, for walking the repository. */
export function compileSegmentExcludes(patterns: readonly string[]): SegmentExcludes<ExcludeState> {
  const compiled = patterns.map(compilePattern);
  const anchored = compiled.filter((p) => p.anchored).map((p) => p.automaton);
  const names = compiled.filter((p) => !p.anchored).map((p) => p.automaton);
  return {
    root: { anchored: anchored.map((a) => a.initial) },
    enter(folder, name) {
      let excluded = names.some((a) => a.accepts(a.step(a.initial, name)));
      const inside: Int32Array[] = [];
      anchored.forEach((a, i) => {
        const at = a.step(folder.anchored[i]!, name);
        if (a.accepts(at)) excluded = true;
        inside.push(a.step(at, '/'));
      });
      return { excluded, state: { anchored: inside } };
    },
  };
}

/** Whether the patterns exclude a repository-relative path: the path itself, or a folder above it. */
export function compileExcludes(patterns: readonly string[]): (relativePath: string) => boolean {
  const segments = compileSegmentExcludes(patterns);
  return (relativePath) => {
    let state = segments.root;
    for (const name of relativePath.split('/')) {
      const entered = segments.enter(state, name);
      if (entered.excluded) return true;
      state = entered.state;
    }
    return false;
  };
}

function compilePattern(pattern: string): { anchored: boolean; automaton: GlobAutomaton } {
  const trimmed = pattern.replace(/^\.\//, '').replace(/\/+$/, '');
  return { anchored: trimmed.includes('/'), automaton: new GlobAutomaton(trimmed.replace(/^\//, '')) };
}

/** One step of a compiled pattern. The state after the last node accepts. */
type GlobNode =
  /** This character. */
  | { kind: 'char'; char: string }
  /** `?`: one character other than `/`. */
  | { kind: 'one' }
  /** `*` (not across `/`) or `**` (across `/`): any run of characters, then the next node. */
  | { kind: 'run'; acrossSlash: boolean }
  /** The next node or the node `to`, consuming nothing: `**` and a slash is "skip to `to`" or "`**`, then `/`". */
  | { kind: 'fork'; to: number };

/** The same reading of a pattern as the regular expressions it replaces, so every documented example keeps its meaning. */
function compileNodes(glob: string): GlobNode[] {
  const nodes: GlobNode[] = [];
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*' && glob[i + 1] === '*') {
      if (glob[i + 2] === '/') {
        // `**` and a slash: zero folders, or any characters ending in a `/`.
        const start = nodes.length;
        nodes.push({ kind: 'fork', to: start + 3 }, { kind: 'run', acrossSlash: true }, { kind: 'char', char: '/' });
        i += 2;
      } else {
        nodes.push({ kind: 'run', acrossSlash: true });
        i += 1;
      }
    } else if (ch === '*') {
      nodes.push({ kind: 'run', acrossSlash: false });
    } else if (ch === '?') {
      nodes.push({ kind: 'one' });
    } else {
      nodes.push({ kind: 'char', char: ch });
    }
  }
  return nodes;
}

/**
 * A pattern as a nondeterministic automaton. A set of states says every position the match could be at; reading a
 * character moves each of them at most one step, so reading n characters costs at most n × (pattern length) steps.
 */
class GlobAutomaton {
  private readonly nodes: GlobNode[];
  private readonly accept: number;
  /** The step in which each state was last added, so that a state enters a set at most once per step. */
  private readonly seen: Int32Array;
  private readonly pending: Int32Array;
  /** Two buffers that the sets of consecutive characters alternate between, so that reading allocates nothing. */
  private readonly buffers: [Int32Array, Int32Array];
  private generation = 0;
  /** The states before any character is read. */
  readonly initial: Int32Array;

  constructor(glob: string) {
    this.nodes = compileNodes(glob);
    this.accept = this.nodes.length;
    const states = this.nodes.length + 1;
    this.seen = new Int32Array(states);
    // A state has at most two ways in without a character (after a run or a fork, or as a fork's `to`), so one closure
    // pushes at most 2 × states + 1 times.
    this.pending = new Int32Array(2 * states + 1);
    this.buffers = [new Int32Array(states), new Int32Array(states)];
    this.generation++;
    this.initial = this.buffers[0].slice(0, this.add(0, this.buffers[0], 0));
  }

  /** The states after reading `text` from `states`; empty when no match is possible any more. */
  step(states: Int32Array, text: string): Int32Array {
    let current = states;
    let size = states.length;
    for (let i = 0; i < text.length && size > 0; i++) {
      const ch = text[i]!;
      const next = current === this.buffers[0] ? this.buffers[1] : this.buffers[0];
      this.generation++;
      let nextSize = 0;
      for (let k = 0; k < size; k++) {
        const state = current[k]!;
        const node = this.nodes[state];
        if (node === undefined) continue;
        if (node.kind === 'char') {
          if (ch === node.char) nextSize = this.add(state + 1, next, nextSize);
        } else if (node.kind === 'one') {
          if (ch !== '/') nextSize = this.add(state + 1, next, nextSize);
        } else if (node.kind === 'run') {
          if (node.acrossSlash || ch !== '/') nextSize = this.add(state, next, nextSize);
        }
      }
      current = next;
      size = nextSize;
    }
    return current === states ? states : current.slice(0, size);
  }

  accepts(states: Int32Array): boolean {
    return states.includes(this.accept);
  }

  /** Adds `state` and every state reachable from it without reading a character; returns the new size of `set`. */
  private add(state: number, set: Int32Array, size: number): number {
    let top = 0;
    this.pending[top++] = state;
    while (top > 0) {
      const s = this.pending[--top]!;
      if (this.seen[s] === this.generation) continue;
      this.seen[s] = this.generation;
      set[size++] = s;
      const node = this.nodes[s];
      if (node?.kind === 'run') this.pending[top++] = s + 1;
      else if (node?.kind === 'fork') {
        this.pending[top++] = node.to;
        this.pending[top++] = s + 1;
      }
    }
    return size;
  }
}
