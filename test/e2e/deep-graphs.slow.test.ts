import { afterAll, describe, expect, it } from 'vitest';
import { E2E_TIMEOUT, runCliAsync } from '../helpers/cli.js';
import { configYaml, createTempTree, type TempTree } from '../helpers/temp-repo.js';

/**
 * Repositories whose graphs are as deep as they are long: 5,000 services in one `dependsOn` chain, and 5,000 in one
 * chain of cost shares, through validate, catalog export and chargeback, end to end. Every graph walk used to recurse
 * once per link and overflowed the call stack ("internal error: Maximum call stack size exceeded"). Generated in a
 * temporary folder; slow (several seconds of CLI runs), so `npm run test:fast` leaves it out.
 */
const N = 5000;
const id = (i: number) => `s${String(i).padStart(5, '0')}`;

/** N services; service i depends on (or carries 50% of the cost of) service i+1; `closed`: the last links to the first. */
function chainRepository(link: 'dependsOn' | 'costShares', closed = false): TempTree {
  const services: string[] = [];
  for (let i = 0; i < N; i++) {
    const next = i + 1 < N ? id(i + 1) : closed ? id(0) : undefined;
    const edge = next === undefined ? '' : link === 'dependsOn' ? `  dependsOn: [${next}]\n` : `  costShares: [{ service: ${next}, percent: 50 }]\n`;
    services.push(
      `apiVersion: itsm/v1\nkind: Service\nmetadata:\n  id: ${id(i)}\nspec:\n  description: Service ${i}.\n  category: Chain\n  owner: Team\n` +
        `  lifecycle: live\n  costs: [{ item: run, amount: 100, per: month }]\n  pricing: { model: fixed, amount: 10 }\n${edge}`,
    );
  }
  return createTempTree(
    {
      'itsm.yaml': configYaml(),
      'services/chain.yaml': services.join('---\n'),
      'consumers/finance.yaml':
        'apiVersion: itsm/v1\nkind: Consumer\nmetadata:\n  id: finance\nspec:\n  costCenter: CC-1\n  headcount: 1\n  subscriptions:\n    - { service: s00000, from: 2026-01-01 }\n',
    },
    'itsm-chain-',
  );
}

const trees: TempTree[] = [];
afterAll(() => {
  for (const tree of trees) tree.remove();
});
function tree(link: 'dependsOn' | 'costShares', closed = false): string {
  const t = chainRepository(link, closed);
  trees.push(t);
  return t.root;
}

describe('a dependsOn chain of 5,000 services', () => {
  it('validates, exports as Markdown, HTML and JSON, and charges', { timeout: E2E_TIMEOUT * 3 }, async () => {
    const root = tree('dependsOn');
    const [validate, markdown, html, json, chargeback] = await Promise.all([
      runCliAsync(['validate', root]),
      runCliAsync(['catalog', 'export', root]),
      runCliAsync(['catalog', 'export', root, '--format', 'html']),
      runCliAsync(['catalog', 'export', root, '--format', 'json']),
      runCliAsync(['chargeback', root, '--period', '2026-11', '--format', 'json']),
    ]);
    expect(validate).toMatchObject({ status: 0, stdout: '' });
    expect(validate.stderr).toContain('3 files valid (5000 services');
    expect(markdown).toMatchObject({ status: 0, stderr: '' });
    expect(markdown.stdout).toContain('  s_s04998 --> s_s04999\n');
    expect(html).toMatchObject({ status: 0, stderr: '' });
    // One row per link: s04999, the foundation, at the bottom and s00000 at the top.
    expect(html.stdout).toContain('<svg class="graph"');
    expect(json).toMatchObject({ status: 0, stderr: '' });
    const catalog = JSON.parse(json.stdout) as { dependencies: unknown[] };
    expect(catalog.dependencies).toHaveLength(N - 1);
    expect(chargeback).toMatchObject({ status: 0, stderr: '' });
  });

  it('reports the cycle when the chain closes on itself, once, at the first service', { timeout: E2E_TIMEOUT }, async () => {
    const result = await runCliAsync(['validate', tree('dependsOn', true), '--format', 'json']);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
    const diagnostics = (JSON.parse(result.stdout) as { diagnostics: Array<{ rule: string; line: number; message: string }> }).diagnostics;
    expect(diagnostics.map((d) => d.rule)).toEqual(['dependency-cycle']);
    expect(diagnostics[0]!.message.startsWith('dependency cycle: s00000 → s00001 → s00002')).toBe(true);
    expect(diagnostics[0]!.message.endsWith('s04999 → s00000')).toBe(true);
    expect(diagnostics[0]!.line).toBe(12); // the dependsOn line of the first document
  });
});

describe('a chain of 5,000 cost shares', () => {
  it('validates and charges, the shares stepped down the whole chain to the cent', { timeout: E2E_TIMEOUT * 2 }, async () => {
    const root = tree('costShares');
    const [validate, chargeback] = await Promise.all([
      runCliAsync(['validate', root]),
      runCliAsync(['chargeback', root, '--period', '2026-11', '--format', 'json']),
    ]);
    expect(validate).toMatchObject({ status: 0, stdout: '' });
    expect(validate.stderr).toContain('3 files valid (5000 services');
    expect(chargeback).toMatchObject({ status: 0, stderr: '' });
    // Service i carries 50% of service i+1's cost, split from the end of the chain: with T the total of a shared
    // service (its own 100.00 plus what it carries), T(s04999) = 100.00, and each step back T = 100.00 + T/2 (the odd
    // cent to the carrier): 150.00, 175.00, 187.50, 193.75, 196.88, 198.44, 199.22, 199.61, 199.81, 199.91, 199.96,
    // 199.98, 199.99, 200.00, then 200.00 for ever. So s00001 passes 100.00 on and keeps 100.00, and s00000, which
    // shares nothing, carries 100.00 + 100.00 = 200.00. The costs add up to the 5,000 × 100.00 the services spend.
    const { services, totals } = JSON.parse(chargeback.stdout) as {
      services: Array<{ service: string; sharesIn: string; sharesOut: string; cost: string }>;
      totals: Record<string, string>;
    };
    expect(services.find((s) => s.service === 's00000')).toMatchObject({ sharesIn: '100.00', sharesOut: '0.00', cost: '200.00' });
    expect(services.find((s) => s.service === 's00001')).toMatchObject({ sharesIn: '100.00', sharesOut: '100.00', cost: '100.00' });
    expect(services.find((s) => s.service === 's04999')).toMatchObject({ sharesIn: '0.00', sharesOut: '50.00', cost: '50.00' });
    expect(services.reduce((sum, s) => sum + Math.round(Number(s.cost) * 100), 0)).toBe(N * 100 * 100);
    expect(totals).toBeDefined();
  });

  it('reports the cycle when the shares close on themselves', { timeout: E2E_TIMEOUT }, async () => {
    const result = await runCliAsync(['validate', tree('costShares', true), '--format', 'json']);
    expect(result.status).toBe(1);
    const diagnostics = (JSON.parse(result.stdout) as { diagnostics: Array<{ rule: string; message: string }> }).diagnostics;
    expect(diagnostics.map((d) => d.rule)).toEqual(['cost-share-cycle']);
    expect(diagnostics[0]!.message.startsWith('cost shares form a cycle: s00000 → s00001')).toBe(true);
  });
});
