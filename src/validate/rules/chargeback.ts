import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { diagnosticAt, didYouMean, relatedAt, type Rule } from '../context.js';
import { findCycles } from '../graph.js';
import { pricingsOf } from './pricing.js';

/**
 * Rules that keep `itsm chargeback` computable, in addition to `pricing`: each refuses (or, for a likely typo, warns
 * about) an input whose charges could not be computed, or would silently be zero, before any figure is printed.
 */

/**
 * Cost shares are applied as a step-down allocation: a shared service's cost is split among its carriers once its own
 * cost is final. A cycle of shares (a carries a share of b, b of a) has no such order; neither has a service that
 * carries a share of itself. Each cycle is reported once, at the share of its alphabetically first service.
 */
export const costShareCycle: Rule = {
  id: 'cost-share-cycle',
  description: 'Services carry shares of each other\'s costs in a cycle.',
  check({ services }) {
    const sharesOf = (id: string) => (services.get(id)?.doc.spec.costShares ?? []).map((s) => s.service);
    return findCycles(services.keys(), sharesOf).map((ordered) => {
      const from = ordered[0]!;
      const to = ordered[1 % ordered.length]!;
      const message =
        ordered.length === 1 ? `service "${from}" carries a share of its own cost` : `cost shares form a cycle: ${[...ordered, from].join(' → ')}`;
      return diagnosticAt(services.get(from)!.source, ['spec', 'costShares', sharesOf(from).indexOf(to), 'service'], 'cost-share-cycle', 'error', message, {
        hint: 'a shared service\'s cost is split among the services that carry it; remove one of these costShares',
        related: ordered.slice(1).map((member, i) => {
          const next = ordered[(i + 2) % ordered.length]!;
          return relatedAt(services.get(member)!.source, ['spec', 'costShares', sharesOf(member).indexOf(next), 'service'], `${member} carries a share of ${next}`);
        }),
      });
    });
  },
};

/**
 * `per-unit` pricing charges the subscription's `units`, and the `units` allocation driver splits the cost by them:
 * a subscription to such a service without `units` cannot be charged (write `units: 0` for none).
 */
export const subscriptionUnits: Rule = {
  id: 'subscription-units',
  description: 'A subscription to a service priced per unit (or allocated by units) has no units.',
  check({ repository, services }) {
    const diagnostics: Diagnostic[] = [];
    for (const { source, doc } of repository.consumers) {
      doc.spec.subscriptions?.forEach((sub, i) => {
        if (sub.units !== undefined) return;
        // Any of the service's pricings, base or dated version: the units must be there on the days it is in force.
        const service = services.get(sub.service)?.doc;
        const needs = (service ? pricingsOf(service) : [])
          .map(({ pricing }) => (pricing.model === 'per-unit' ? `its per-unit pricing charges per ${pricing.unit}` : pricing.model === 'allocation' && pricing.driver === 'units' ? 'its cost is allocated by subscribed units' : null))
          .find((n) => n !== null);
        if (needs === undefined) return;
        diagnostics.push(
          diagnosticAt(source, ['spec', 'subscriptions', i, 'service'], 'subscription-units', 'error', `subscription to "${sub.service}" has no "units", but ${needs}`, {
            hint: 'add "units" to the subscription (0 if none)',
          }),
        );
      });
    }
    return diagnostics;
  },
};

/** A service credit is a percentage returned when availability falls below a bound: without an availability target, nothing is measured. */
export const creditsWithoutAvailability: Rule = {
  id: 'credits-without-availability',
  description: 'An agreement has service credits but no availability target to measure them against.',
  check({ repository }) {
    const diagnostics: Diagnostic[] = [];
    for (const { source, doc } of repository.slas) {
      if ((doc.spec.credits ?? []).length === 0 || doc.spec.availability !== undefined) continue;
      diagnostics.push(
        diagnosticAt(source, ['spec', 'credits'], 'credits-without-availability', 'error', 'service credits need an availability target, but the agreement has no "availability"', {
          hint: 'add "availability: { target: …, window: month }", or remove "credits"',
          target: 'key',
        }),
      );
    }
    return diagnostics;
  },
};

/**
 * Usage metrics are free ids that nothing checks against each other: a pricing or driver that names a metric no
 * record of its service has would charge nothing, silently. When the service has usage records, but none of the
 * metric, that is most likely a typo (a warning: the records may simply not have arrived yet).
 */
export const usageMetricUnused: Rule = {
  id: 'usage-metric-unused',
  description: 'A usage pricing or driver names a metric that none of its service\'s usage records has.',
  check({ repository }) {
    const diagnostics: Diagnostic[] = [];
    const metrics = new Map<string, Set<string>>();
    for (const { doc } of repository.usage) {
      const set = metrics.get(doc.service) ?? new Set<string>();
      set.add(doc.metric);
      metrics.set(doc.service, set);
    }
    for (const { source, doc } of repository.services) {
      for (const { pricing: p, path } of pricingsOf(doc)) {
        const metric = p.model === 'usage' ? p.metric : p.model === 'allocation' && p.driver === 'usage' ? p.metric : undefined;
        const recorded = metrics.get(doc.metadata.id);
        if (metric === undefined || recorded === undefined || recorded.has(metric)) continue;
        const hint = didYouMean(metric, recorded) ?? `its records have ${[...recorded].sort().map((m) => `"${m}"`).join(', ')}`;
        diagnostics.push(
          diagnosticAt(source, [...path, 'metric'], 'usage-metric-unused', 'warning', `no usage record of "${doc.metadata.id}" has the metric "${metric}", so nothing is charged by it`, { hint }),
        );
      }
    }
    return diagnostics;
  },
};

/** The chargeback rules, in the order they run (after `pricing`). */
export const CHARGEBACK_RULES: readonly Rule[] = [costShareCycle, subscriptionUnits, creditsWithoutAvailability, usageMetricUnused];
