import { buildChargeback, type ChargebackOptions } from '../../src/chargeback/build.js';
import { formatMinor } from '../../src/chargeback/money.js';
import type { Chargeback, ChargeLine } from '../../src/chargeback/types.js';
import type { RawDocument } from '../../src/load/parse-yaml.js';
import type { ConsumerSpec, ServiceSpec, SlaSpec, TicketSpec, UsageRecord } from '../../src/model/index.js';
import type { Repository } from '../../src/model/repository.js';
import { validateDocuments } from '../../src/validate/index.js';

export interface ChargebackRepoInput {
  currency?: string;
  /** Default UTC, so that months start at UTC midnight unless a test says otherwise. */
  timeZone?: string;
  services: Record<string, Partial<ServiceSpec>>;
  consumers?: Record<string, Partial<ConsumerSpec>>;
  slas?: Record<string, Partial<SlaSpec>>;
  tickets?: Record<string, Partial<TicketSpec>>;
  usage?: UsageRecord[];
}

/**
 * A repository from plain objects, run through `validateDocuments` so every test works on data the product accepts:
 * a validation error fails the test at once, naming the problem. Services default to a live, owned service with no
 * pricing; consumers to headcount 10 and no subscriptions.
 */
export function chargebackRepository(input: ChargebackRepoInput): Repository {
  const documents: RawDocument[] = [];
  const add = (file: string, value: unknown) => documents.push({ file, index: 0, value });
  const meta = (id: string) => ({ apiVersion: 'itsm/v1', metadata: { id } });
  add('itsm.yaml', { ...meta('test-org'), kind: 'Config', spec: { currency: input.currency ?? 'USD', timeZone: input.timeZone ?? 'UTC' } });
  for (const [id, spec] of Object.entries(input.services)) {
    add(`services/${id}.yaml`, { ...meta(id), kind: 'Service', spec: { description: `The ${id} service.`, category: 'Test', owner: 'IT', lifecycle: 'live', ...spec } });
  }
  for (const [id, spec] of Object.entries(input.consumers ?? {})) {
    add(`consumers/${id}.yaml`, { ...meta(id), kind: 'Consumer', spec: { costCenter: `CC-${id}`, headcount: 10, ...spec } });
  }
  for (const [id, spec] of Object.entries(input.slas ?? {})) add(`slas/${id}.yaml`, { ...meta(id), kind: 'SLA', spec: { type: 'sla', targets: [], ...spec } });
  for (const [id, spec] of Object.entries(input.tickets ?? {})) {
    add(`tickets/${id}.yaml`, { ...meta(id), kind: 'Ticket', spec: { type: 'incident', priority: 'P3', title: `Ticket ${id}`, ...spec } });
  }
  if (input.usage) add('usage/usage.yaml', { ...meta('usage'), kind: 'Usage', spec: { records: input.usage } });
  const { repository, diagnostics } = validateDocuments(documents);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`test repository is not valid:\n${errors.map((d) => `${d.file} ${JSON.stringify(d.path)}: ${d.message}`).join('\n')}`);
  return repository;
}

/** The period of a month label "2026-11", or of any [from, to). */
export function month(label: string): ChargebackOptions['period'] {
  const [y, m] = label.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { label, from: `${label}-01`, to: next };
}

export function charge(repository: Repository, period: ChargebackOptions['period'], options: Omit<ChargebackOptions, 'period'> = {}): Chargeback {
  return buildChargeback(repository, { period, ...options });
}

/** An amount in minor units as the decimal text people check by hand ("141.67"). */
export const usd = (minor: bigint): string => formatMinor(minor, 2);

/** [consumer, service, kind, period, amount] of each line: what most tests compare. */
export function summary(result: Chargeback): Array<[string | null, string, ChargeLine['kind'], string, string]> {
  return result.lines.map((l) => [l.consumer, l.service, l.kind, l.period, formatMinor(l.amount, result.minorDigits)]);
}
