import { describe, expect, it } from 'vitest';
import { describeChanges } from '../../src/governance/changes.js';
import { locateChanges } from '../../src/governance/changes/lines.js';
import { docYaml, repositoryOf } from './changes-helpers.js';

describe('locateChanges', () => {
  it('gives each changed definition the line its document starts on, from the text of its side', () => {
    const base = { 'groups.yaml': `# teams\n${docYaml('Group', 'a', ['manager: A'])}---\n${docYaml('Group', 'b', ['manager: A'])}`, 'old.yaml': `\n\n${docYaml('Group', 'gone', ['manager: Z'])}` };
    const head = { 'groups.yaml': `# teams\n${docYaml('Group', 'a', ['manager: A'])}---\n${docYaml('Group', 'b', ['manager: B'])}` };
    const changes = describeChanges(repositoryOf(base), repositoryOf(head));
    const texts: Record<'base' | 'head', Record<string, string>> = { base, head };
    const located = locateChanges(changes, (file, side) => texts[side][file]);
    // groups.yaml: line 1 a comment, lines 2-6 group a, line 7 "---", group b from line 8; old.yaml: two blank lines first.
    expect(located.definitions.map((c) => [c.file, c.id, c.line])).toEqual([
      ['groups.yaml', 'b', 8],
      ['old.yaml', 'gone', 3],
    ]);
    expect(locateChanges(changes, () => undefined).definitions.map((c) => c.line)).toEqual([undefined, undefined]);
  });
});
