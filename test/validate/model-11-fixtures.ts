import type { RawDocument } from '../../src/load/parse-yaml.js';

/** Inline documents for the unit tests of the rules about groups, per-consumer agreements and dated versions (#11). */
export const doc = (file: string, value: unknown, index = 0): RawDocument => ({ file, index, value });

export const config = (timeZone = 'UTC') =>
  doc('itsm.yaml', { apiVersion: 'itsm/v1', kind: 'Config', metadata: { id: 'example' }, spec: { currency: 'USD', timeZone } });

const envelope = (kind: string, id: string, spec: Record<string, unknown>) => ({ apiVersion: 'itsm/v1', kind, metadata: { id }, spec });

export const service = (id: string, spec: Record<string, unknown> = {}) =>
  doc(`services/${id}.yaml`, envelope('Service', id, { description: 'A service.', category: 'Infrastructure', owner: 'Platform team', lifecycle: 'live', ...spec }));

export const sla = (id: string, spec: Record<string, unknown> = {}) =>
  doc(`slas/${id}.yaml`, envelope('SLA', id, { type: 'sla', targets: [{ type: 'incident', priority: 'P3', resolution: { within: '8h', objective: 90 } }], ...spec }));

export const calendar = (id: string, spec: Record<string, unknown> = {}) =>
  doc(`calendars/${id}.yaml`, envelope('Calendar', id, { timeZone: 'UTC', hours: { monday: ['09:00-17:00'] }, ...spec }));

export const consumer = (id: string, spec: Record<string, unknown> = {}) =>
  doc(`consumers/${id}.yaml`, envelope('Consumer', id, { costCenter: 'CC-1', headcount: 10, ...spec }));

export const group = (id: string, spec: Record<string, unknown> = {}) => doc(`groups/${id}.yaml`, envelope('Group', id, spec));

export const ticket = (id: string, spec: Record<string, unknown> = {}) =>
  doc(`tickets/${id}.yaml`, envelope('Ticket', id, { type: 'incident', service: 'email', priority: 'P3', title: 'Mail is down', opened: '2026-03-02T09:30:00Z', ...spec }));

/** What a test compares: file, rule, path (dotted) and message. */
export const brief = (d: { file: string; rule: string; path?: (string | number)[]; message: string }) => [d.file, d.rule, (d.path ?? []).join('.'), d.message];
