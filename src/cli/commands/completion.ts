import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { findRepositoryRoot } from '../../load/find-repository.js';
import { compileSegmentExcludes } from '../../load/glob.js';
import { walkRepository } from '../../load/walk.js';
import { bashScript } from '../completion/bash.js';
import { fishScript } from '../completion/fish.js';
import { idsInYaml } from '../completion/ids.js';
import { completionTree, ID_KINDS, KIND_OF_IDS, type IdKind } from '../completion/spec.js';
import { zshScript } from '../completion/zsh.js';
import { writeStdout } from '../terminal.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/**
 * `itsm completion bash|zsh|fish`: the completion script, generated from `program`. `itsm completion --ids KIND [path]`
 * (hidden; the scripts call it) prints the ids of one kind in the repository, one per line, sorted.
 */
export function runCompletion(program: Command, words: string[], options: { ids?: string }): number {
  if (options.ids !== undefined) {
    if (!(ID_KINDS as readonly string[]).includes(options.ids)) throw new UsageError(`--ids: expected one of ${ID_KINDS.join(', ')} but found "${options.ids}"`);
    if (words.length > 1) throw new UsageError('--ids takes one repository folder');
    const ids = repositoryIds(words[0] ?? '.', options.ids as IdKind);
    writeStdout(ids.map((id) => `${id}\n`).join(''));
    return 0;
  }
  const [shell, ...rest] = words;
  if (shell === undefined || !(SHELLS as readonly string[]).includes(shell) || rest.length > 0) {
    throw new UsageError(`completion: expected a shell, one of ${SHELLS.join(', ')}, but found "${words.join(' ')}"`);
  }
  const tree = completionTree(program);
  writeStdout(shell === 'bash' ? bashScript(tree) : shell === 'zsh' ? zshScript(tree) : fishScript(tree));
  return 0;
}

/** The ids of one kind in the repository around `path`, read by scanning its YAML files (no parse, no validation). */
function repositoryIds(path: string, kind: IdKind): string[] {
  const root = findRepositoryRoot(path);
  const ids = new Set<string>();
  for (const file of walkRepository(root, compileSegmentExcludes([])).yamlFiles) {
    let text: string;
    try {
      text = readFileSync(join(root, file), 'utf8');
    } catch {
      continue; // A file that cannot be read offers no ids; `itsm validate` is where it is reported.
    }
    for (const id of idsInYaml(text, KIND_OF_IDS[kind])) ids.add(id);
  }
  return [...ids].sort();
}
