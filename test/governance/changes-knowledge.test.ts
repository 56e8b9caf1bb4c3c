import { describe, expect, it } from 'vitest';
import { describeChanges } from '../../src/governance/changes.js';
import { processYamlFile } from '../../src/load/file-result.js';
import type { RawDocument } from '../../src/load/parse-yaml.js';
import type { Repository } from '../../src/model/repository.js';
import { validateDocuments } from '../../src/validate/index.js';
import { docYaml, linesOf, type Files } from './changes-helpers.js';

/** Like changes-helpers' repositoryOf, with Markdown files read as the loader reads them (their front matter). */
function repositoryOf(files: Files, config = ''): Repository {
  const documents: RawDocument[] = [];
  const all = { 'itsm.yaml': `apiVersion: itsm/v1\nkind: Config\nmetadata: { id: lab }\nspec:\n  currency: USD\n  timeZone: UTC\n${config}`, ...files };
  for (const [file, text] of Object.entries(all)) {
    const result = processYamlFile(file, text);
    if (result.diagnostics.length > 0) throw new Error(result.diagnostics.map((d) => `${file}: ${d.message}`).join('\n'));
    documents.push(...result.documents);
  }
  return validateDocuments(documents).repository;
}

const lines = (base: Files, head: Files, baseConfig = '', headConfig = '') => linesOf(describeChanges(repositoryOf(base, baseConfig), repositoryOf(head, headConfig)));

function article(spec: string[], body: string): Files {
  return { 'kb/vpn.md': ['---', 'apiVersion: itsm/v1', 'kind: Article', 'metadata: { id: KB1 }', 'spec:', ...spec.map((l) => `  ${l}`), '---', body].join('\n') };
}

const SPEC = ['title: VPN drops', 'services: [vpn]', 'audience: internal', 'owner: Network', 'reviewBy: 2026-06-30'];

describe('describeChanges: knowledge articles', () => {
  it('says what a new article is about', () => {
    expect(lines({}, article(SPEC, 'Reconnect.'))).toEqual(['kb/vpn.md  KB1: added (internal, about vpn, review by 2026-06-30)']);
  });

  it('describes its front matter field by field, and says that its text changed', () => {
    const head = article(['title: VPN drops hourly', 'services: [vpn, email]', 'problems: [PRB1]', 'audience: customer', 'owner: Network', 'reviewBy: 2027-06-30'], 'Reconnect, then restart.');
    expect(lines(article(SPEC, 'Reconnect.'), head)).toEqual([
      'kb/vpn.md  KB1: title VPN drops → VPN drops hourly',
      'kb/vpn.md  KB1: audience internal → customer',
      'kb/vpn.md  KB1: service email added',
      'kb/vpn.md  KB1: problem PRB1 added',
      'kb/vpn.md  KB1: review by 2026-06-30 → 2027-06-30',
      'kb/vpn.md  KB1: text changed',
    ]);
  });

  it('says nothing when only the blank lines around its text changed', () => {
    expect(lines(article(SPEC, 'Reconnect.'), article(SPEC, '\nReconnect.\n\n'))).toEqual([]);
  });
});

describe('describeChanges: change templates', () => {
  const template = (lines: string[]) => ({ 'changes/templates.yaml': docYaml('ChangeTemplate', 'patch', ['implementation: Apply the patch.', 'backout: Remove it.', ...lines]) });

  it('describes what a template allows, field by field', () => {
    const base = template(['services: [email]', 'risk: low', 'maxDuration: 2h']);
    const head = template(['services: [email, erp]', 'risk: moderate', 'maxDuration: 120m', 'description: Monthly patches']);
    expect(lines(base, head)).toEqual([
      'changes/templates.yaml  patch: description added',
      'changes/templates.yaml  patch: service erp added',
      'changes/templates.yaml  patch: risk low → moderate',
    ]);
  });

  it('says what a new one allows', () => {
    expect(lines({}, template(['services: [email]', 'risk: low', 'maxDuration: 2h']))).toEqual(['changes/templates.yaml  patch: added (risk low, 1 service, at most 2h)']);
  });
});

describe('describeChanges: the change policy of itsm.yaml', () => {
  it('describes freezes by id and approval policies by change type and risk', () => {
    const base = '  change:\n    freezes: [{ id: xmas, from: 2026-12-20, to: 2027-01-03 }]\n    approvals: [{ type: normal, approvals: 1, group: cab }]\n';
    const head =
      '  change:\n    freezes: [{ id: xmas, from: 2026-12-18, to: 2027-01-03, services: [erp] }, { id: close, from: 2026-12-28, to: 2026-12-31 }]\n' +
      '    approvals: [{ type: normal, approvals: 2, group: cab }, { type: normal, risk: high, approvals: 3 }]\n';
    expect(lines({}, {}, base, head)).toEqual([
      'itsm.yaml  lab: freeze xmas from 2026-12-20 → 2026-12-18',
      'itsm.yaml  lab: freeze xmas services every service → erp',
      'itsm.yaml  lab: freeze close added (2026-12-28 to 2026-12-31, every service)',
      'itsm.yaml  lab: approval policy normal approvals 1 → 2',
      'itsm.yaml  lab: approval policy normal/high added (3 approvals)',
    ]);
  });
});
