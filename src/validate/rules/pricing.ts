import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Pricing, ServiceDocument } from '../../model/service.js';
import { diagnosticAt, relatedAt, type Rule } from '../context.js';

/**
 * Every pricing of a service with the path it is written at: the base `pricing`, then each dated version's, in the
 * order written. Each is checked on its own: any of them may be in force on some day.
 */
export function pricingsOf(doc: ServiceDocument): Array<{ pricing: Pricing; path: (string | number)[] }> {
  return [
    ...(doc.spec.pricing ? [{ pricing: doc.spec.pricing, path: ['spec', 'pricing'] }] : []),
    ...(doc.spec.versions ?? []).map((v, i) => ({ pricing: v.pricing, path: ['spec', 'versions', i, 'pricing'] })),
  ];
}

/**
 * A price that cannot be computed is refused before any figure is printed: rate and tiers are alternatives, tiers
 * must rise, a per-request price needs priced offerings, and shares of a shared service cannot exceed its cost.
 */
export const pricing: Rule = {
  id: 'pricing',
  description: 'A service\'s pricing cannot be computed (rate and tiers both or neither, tiers out of order, no priced offering, shares above 100%).',
  check({ repository, services }) {
    const diagnostics: Diagnostic[] = [];
    for (const { source, doc } of repository.services) {
      for (const { pricing: p, path: base } of pricingsOf(doc)) {
        const at = (path: (string | number)[], message: string, hint?: string) =>
          diagnostics.push(diagnosticAt(source, [...base, ...path], 'pricing', 'error', message, hint ? { hint } : {}));
        if (p.model === 'per-unit' || p.model === 'usage') {
          if ((p.rate === undefined) === (p.tiers === undefined)) {
            at(['model'], `pricing "${p.model}" needs either "rate" or "tiers", not ${p.rate === undefined ? 'neither' : 'both'}`);
          }
          if (p.tiers) {
            let previous = 0;
            p.tiers.forEach((tier, i) => {
              const last = i === p.tiers!.length - 1;
              if (tier.upTo === undefined && !last) at(['tiers', i], 'only the last tier may leave out "upTo"');
              if (tier.upTo !== undefined && tier.upTo <= previous) {
                at(['tiers', i, 'upTo'], `tier bound ${tier.upTo} must be greater than the previous bound ${previous}`, 'list tiers from the smallest to the largest quantity');
              }
              if (tier.upTo !== undefined) previous = tier.upTo;
            });
          }
        }
        if (p.model === 'per-request' && !(doc.spec.offerings ?? []).some((o) => o.price !== undefined)) {
          at(['model'], 'pricing "per-request" needs at least one offering with a price');
        }
        if (p.model === 'allocation' && p.driver === 'usage' && p.metric === undefined) {
          at(['driver'], 'the "usage" driver needs the "metric" whose usage splits the cost');
        }
        if (p.model === 'allocation' && (doc.spec.costs ?? []).length === 0 && (doc.spec.costShares ?? []).length === 0) {
          at(['model'], 'pricing "allocation" recovers the service\'s costs, but it has no "costs" or "costShares"');
        }
      }
    }
    // Shares of one shared service, across every service that carries a share of it.
    const shares = new Map<string, Array<{ percent: number; source: (typeof repository.services)[number]['source']; index: number }>>();
    for (const { source, doc } of repository.services) {
      doc.spec.costShares?.forEach((share, index) => {
        if (!services.has(share.service)) return;
        const list = shares.get(share.service) ?? [];
        list.push({ percent: share.percent, source, index });
        shares.set(share.service, list);
      });
    }
    for (const [service, list] of shares) {
      // Compare in hundredths of a percent to stay exact with decimal shares such as 12.5.
      const total = list.reduce((sum, s) => sum + Math.round(s.percent * 100), 0);
      if (total <= 10000) continue;
      const last = list[list.length - 1]!;
      diagnostics.push(
        diagnosticAt(last.source, ['spec', 'costShares', last.index, 'percent'], 'pricing', 'error', `shares of service "${service}" add up to ${total / 100}%, more than 100%`, {
          related: list.slice(0, -1).map((s) => relatedAt(s.source, ['spec', 'costShares', s.index, 'percent'], `${s.percent}%`)),
        }),
      );
    }
    return diagnostics;
  },
};
