// Deterministic generator of realistic ACME tickets. Used by scripts/generate-acme.js (the committed example)
// and bench/generate.js (large benchmark repositories). No clock and no Math.random: the same seed and count
// always give the same files.
//
// How it works, month by month (so that a million tickets never sit in memory at once):
//   1. split the requested count over the months in proportion to their working days;
//   2. draw "seeds" (type, service, consumer, opening time) for the month and sort them by opening time;
//   3. walk the seeds, building each ticket's timeline in the support hours of its service; some tickets
//      bring others with them (a second report of the same outage, the change that fixes a problem), which
//      take the place of the month's last seeds so that the count stays exact;
//   4. number the month's tickets per type in opening order (INC0001001, ...) and write them sorted by id.

import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { CONSUMER_ZONES, HOME_ZONE, NOTES, PEOPLE, PRIORITY_MIX, SERVICES, TEAMS, TYPE_MIX } from './acme-profile.js';
import { Random, WeightedTable } from './prng.js';
import { WorkCalendar, durationMinutes, isoDateOf, isoMinute, localToUtc, weekdayOf } from './work-calendar.js';

const MINUTE = 60_000;
const DAY_MINUTES = 1440;
const PREFIX = { incident: 'INC', request: 'REQ', problem: 'PRB', change: 'CHG' };
/** Ids sort by prefix first: CHG < INC < PRB < REQ. */
const TYPE_ORDER = ['change', 'incident', 'problem', 'request'];
const FIRST_NUMBER = 1001;
const CHANGE_MANAGER = 'j.harris';
const PROBLEM_MANAGER = 'm.obrien';
const PRIORITY_RANK = { P1: 1, P2: 2, P3: 3, P4: 4 };
const HARDWARE_OFFERINGS = new Set([
  'standard-laptop', 'developer-laptop', 'laptop-replacement', 'peripheral', 'smartphone', 'smartphone-replacement',
  'tablet', 'headset', 'vpn-token', 'new-printer',
]);

// ---------------------------------------------------------------------------------------------------------
// Reading the definitions the tickets refer to

function walkYaml(dir, skip, out = []) {
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.') || skip.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walkYaml(path, skip, out);
    else if (/\.ya?ml$/.test(name)) out.push(path);
  }
  return out;
}

/** Services, consumers and calendars of a repository (tickets and usage are not read). */
export function loadDefinitions(repoDir) {
  const services = new Map();
  const consumers = [];
  const calendars = new Map([['24x7', WorkCalendar.always()]]);
  const slas = new Map();
  for (const file of walkYaml(repoDir, new Set(['tickets', 'usage', 'node_modules']))) {
    for (const doc of yaml.loadAll(readFileSync(file, 'utf8'), undefined, { schema: yaml.CORE_SCHEMA })) {
      if (!doc || typeof doc !== 'object') continue;
      if (doc.kind === 'Service') services.set(doc.metadata.id, doc.spec);
      else if (doc.kind === 'Consumer') consumers.push({ id: doc.metadata.id, name: doc.metadata.name ?? doc.metadata.id, spec: doc.spec });
      else if (doc.kind === 'Calendar') calendars.set(doc.metadata.id, new WorkCalendar(doc.metadata.id, doc.spec));
      else if (doc.kind === 'SLA') slas.set(doc.metadata.id, doc.spec);
    }
  }
  if (services.size === 0) throw new Error(`no Service documents found under ${repoDir}`);
  return { services, consumers, calendars, slas };
}

// ---------------------------------------------------------------------------------------------------------
// Small helpers

function clamp(value, min, max) {
  return value < min ? min : value > max ? max : value;
}

/** Whole minutes drawn from a log-normal distribution, clamped. */
function minutes(rnd, median, sigma, min, max) {
  return Math.round(clamp(rnd.lognormal(median, sigma), min, max));
}

const iso = isoMinute;

const PLAIN_RE = /^[A-Za-z(][^:#{}[\],&*!|>'"%@`]*$/;
const RESERVED_RE = /^(?:true|false|null|yes|no|on|off|~)$/i;

/** A YAML scalar that reads back as the same string, plain when that is safe (also inside flow maps). */
function scalar(text) {
  if (PLAIN_RE.test(text) && !RESERVED_RE.test(text) && !text.endsWith(' ') && !text.includes(' -')) return text;
  return JSON.stringify(text);
}

function parseMonth(text) {
  const m = /^(\d{4})-(\d{2})$/.exec(text);
  if (!m) throw new Error(`expected a month written YYYY-MM but found "${text}"`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

/** The months from `from` to `to`, both inclusive, as "YYYY-MM". */
export function monthRange(from, to) {
  const a = parseMonth(from);
  const b = parseMonth(to);
  const list = [];
  for (let y = a.year, m = a.month; y < b.year || (y === b.year && m <= b.month); m === 12 ? (y++, (m = 1)) : m++) {
    list.push(`${y}-${String(m).padStart(2, '0')}`);
  }
  return list;
}

/** Splits `total` over `weights` so that the parts are whole and add up exactly (largest remainder). */
function apportion(total, weights) {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i]).sort((p, q) => q[0] - p[0] || p[1] - q[1]);
  for (let k = 0; left > 0; k++, left--) parts[order[k % order.length][1]]++;
  return parts;
}

// ---------------------------------------------------------------------------------------------------------
// The generator

export class TicketGenerator {
  /**
   * @param definitions from loadDefinitions
   * @param options { seed: number, cutoff: ms (no event after it), holidayCalendar: id of the calendar whose
   *   working days shape the ticket volume }
   */
  constructor(definitions, options) {
    this.defs = definitions;
    this.rnd = new Random(options.seed);
    this.cutoff = options.cutoff;
    this.cal24 = definitions.calendars.get('24x7');
    this.volumeCalendar = definitions.calendars.get(options.holidayCalendar ?? 'us-business-hours') ?? this.cal24;
    this.counters = { incident: FIRST_NUMBER, request: FIRST_NUMBER, problem: FIRST_NUMBER, change: FIRST_NUMBER };

    this.typeTable = new WeightedTable(TYPE_MIX);
    this.priorityTables = Object.fromEntries(Object.entries(PRIORITY_MIX).map(([t, mix]) => [t, new WeightedTable(mix)]));
    this.profiles = new Map();
    this.serviceTables = {};
    for (const type of ['incident', 'request', 'change', 'problem']) {
      const pairs = [];
      for (const [id, spec] of definitions.services) {
        const profile = SERVICES[id];
        if (!profile) continue;
        if (spec.lifecycle === 'retired') continue;
        if (spec.lifecycle === 'pipeline' && type !== 'change') continue;
        if (type === 'request' && !(spec.offerings?.length > 0)) continue;
        const w = profile.weights[type] ?? 0;
        if (w > 0) pairs.push([id, w]);
      }
      this.serviceTables[type] = pairs.length > 0 ? new WeightedTable(pairs) : undefined;
    }
    for (const [id, spec] of definitions.services) {
      const profile = SERVICES[id];
      if (!profile) continue;
      this.profiles.set(id, {
        ...profile,
        spec,
        calendar: definitions.calendars.get(spec.supportHours ?? '24x7') ?? this.cal24,
        // Changes and problems of round-the-clock services are still worked in office (extended) hours.
        office:
          (spec.supportHours ?? '24x7') === '24x7'
            ? definitions.calendars.get('extended-hours') ?? this.cal24
            : definitions.calendars.get(spec.supportHours) ?? this.cal24,
        critical: spec.criticality === 'critical' || spec.criticality === 'high',
        // The agreement whose targets the service's people aim for: its customer SLA, else its first agreement.
        agreement: definitions.slas?.get(spec.sla ?? spec.agreements?.[0] ?? ''),
        offerings: spec.offerings ?? [],
      });
    }
    this.consumerNames = new Map(definitions.consumers.map((c) => [c.id, c.name]));
    this.subscriberTables = new Map();
  }

  // --- volume --------------------------------------------------------------------------------------------

  /** Relative ticket volume of a local day for a ticket type: busy weekdays, quiet weekends and holidays. */
  dayWeight(type, day) {
    const cal = this.volumeCalendar;
    const weekend = weekdayOf(day) >= 5;
    if (cal.isClosedException(day)) return type === 'incident' ? 0.25 : 0.06;
    if (!cal.isRegularWorkday(day) && !weekend) return 0.6; // a half day
    if (weekend) return type === 'incident' ? (weekdayOf(day) === 5 ? 0.22 : 0.18) : type === 'change' ? 0.02 : 0.08;
    return 1;
  }

  monthDays(monthText) {
    const { year, month } = parseMonth(monthText);
    const first = Math.floor(Date.UTC(year, month - 1, 1) / 86_400_000);
    const last = Math.floor(Date.UTC(year, month, 1) / 86_400_000);
    const days = [];
    for (let d = first; d < last; d++) days.push(d);
    return { days, start: first * 86_400_000, end: last * 86_400_000 };
  }

  /** How many tickets each month gets out of `total`. */
  monthQuotas(months, total) {
    return apportion(
      total,
      months.map((m) => this.monthDays(m).days.reduce((sum, d) => sum + this.dayWeight('incident', d), 0)),
    );
  }

  // --- seeds ---------------------------------------------------------------------------------------------

  /** Local minute of day at which a ticket of this type is opened. */
  minuteOfDay(type, workday) {
    const rnd = this.rnd;
    if (type === 'incident') {
      if (!workday) return rnd.chance(0.85) ? rnd.int(7 * 60, 23 * 60 - 1) : rnd.int(0, 7 * 60 - 1);
      const r = rnd.next();
      if (r < 0.78) return this.businessMinute();
      if (r < 0.92) return rnd.chance(0.3) ? rnd.int(6 * 60, 8 * 60 - 1) : rnd.int(18 * 60, 23 * 60 - 1);
      return rnd.chance(0.5) ? rnd.int(23 * 60, DAY_MINUTES - 1) : rnd.int(0, 6 * 60 - 1);
    }
    if (!workday) return rnd.int(9 * 60, 20 * 60 - 1);
    if (type === 'request' && rnd.chance(0.05)) return rnd.int(18 * 60, 22 * 60 - 1);
    return this.businessMinute();
  }

  /** Office hours with the usual morning and early-afternoon peaks. */
  businessMinute() {
    const hour = this.rnd.weighted([[8, 6], [9, 10], [10, 11], [11, 10], [12, 7], [13, 8], [14, 10], [15, 9], [16, 7], [17, 5]]);
    return hour * 60 + this.rnd.int(0, 59);
  }

  /** A consumer subscribed to the service on that day, weighted by headcount (undefined if none). */
  pickConsumer(serviceId, day, exclude) {
    const key = `${serviceId}|${day}|${exclude ?? ''}`;
    let table = this.subscriberTables.get(key);
    if (table === undefined) {
      const date = isoDateOf(day);
      const pairs = [];
      for (const c of this.defs.consumers) {
        if (c.id === exclude) continue;
        const active = c.spec.subscriptions?.some((s) => s.service === serviceId && s.from <= date && (s.to === undefined || s.to >= date));
        if (active) pairs.push([c, Math.max(1, c.spec.headcount)]);
      }
      table = pairs.length > 0 ? new WeightedTable(pairs) : null;
      this.subscriberTables.set(key, table);
    }
    return table ? table.sample(this.rnd) : undefined;
  }

  makeSeeds(month, count) {
    const rnd = this.rnd;
    const { days, start, end } = this.monthDays(month);
    const limit = Math.min(end, this.cutoff - 30 * MINUTE);
    const dayTables = {};
    for (const type of ['incident', 'request', 'change', 'problem']) {
      dayTables[type] = new WeightedTable(days.map((d) => [d, this.dayWeight(type, d)]));
    }
    const seeds = [];
    for (let n = 0; n < count; n++) {
      let type = this.typeTable.sample(rnd);
      if (!this.serviceTables[type] && type !== 'problem') type = 'incident';
      const service = type === 'problem' ? undefined : this.serviceTables[type].sample(rnd);
      let opened;
      let consumer;
      for (let attempt = 0; attempt < 20; attempt++) {
        const day = dayTables[type].sample(rnd);
        const profile = service && this.profiles.get(service);
        consumer = undefined;
        if (type === 'incident' || type === 'request') {
          const monitoring = type === 'incident' && rnd.chance(profile.spec.type === 'technical' ? 0.45 : 0.07);
          if (!monitoring) consumer = this.pickConsumer(service, day);
        }
        const zone = CONSUMER_ZONES[consumer?.id] ?? HOME_ZONE;
        const workday = this.volumeCalendar.isRegularWorkday(day) || this.volumeCalendar.intervals(day).length > 0;
        opened = localToUtc(zone, day, this.minuteOfDay(type, workday));
        opened -= opened % MINUTE;
        if (opened >= start && opened < limit) break;
        opened = undefined;
      }
      if (opened === undefined) opened = start + rnd.int(0, Math.max(0, Math.floor((limit - start) / MINUTE) - 1)) * MINUTE;
      seeds.push({ type, service, consumer, opened, order: n });
    }
    seeds.sort((a, b) => a.opened - b.opened || a.order - b.order);
    return { seeds, start, limit };
  }

  // --- timelines -----------------------------------------------------------------------------------------

  actor(serviceId, preferDesk) {
    const profile = this.profiles.get(serviceId);
    const team = preferDesk && this.rnd.chance(0.6) ? 'desk' : profile?.team ?? 'desk';
    return this.rnd.pick(TEAMS[team]);
  }

  /** A ticket skeleton. */
  ticket(type, service, priority, opened, extra = {}) {
    return { type, service, priority, opened, events: [], related: [], ...extra };
  }

  push(t, at, fields) {
    const last = t.events.length > 0 ? t.events[t.events.length - 1].at : t.opened;
    t.events.push({ at: at < last ? last : at, ...fields });
    return at < last ? last : at;
  }

  /** A waiting period in wall-clock minutes: customers answer in hours, vendors and stock take days. */
  waitMinutes(status) {
    const rnd = this.rnd;
    if (status === 'awaiting-customer') return minutes(rnd, 600, 1.0, 20, 8 * DAY_MINUTES);
    if (status === 'awaiting-vendor') return minutes(rnd, 2 * DAY_MINUTES, 0.7, 180, 20 * DAY_MINUTES);
    return minutes(rnd, 3 * DAY_MINUTES, 0.6, 240, 15 * DAY_MINUTES);
  }

  pauseNote(status, serviceId) {
    if (status === 'awaiting-customer') return this.rnd.pick(NOTES.awaitingCustomer);
    if (status === 'awaiting-vendor') return this.withVendor(this.rnd.pick(NOTES.awaitingVendor), serviceId);
    return this.rnd.pick(NOTES.onHold);
  }

  withVendor(note, serviceId) {
    const vendor = this.profiles.get(serviceId)?.vendor ?? 'the vendor';
    return note.replace('{vendor}', vendor).replace('{Vendor}', vendor.charAt(0).toUpperCase() + vendor.slice(1));
  }

  /**
   * Works `work` minutes of `cal` time from `cur`, interrupted by the given pauses and an optional priority
   * change; returns the instant the work is done.
   */
  workWithPauses(t, cal, cur, work, pauses, priorityChange, actor) {
    const rnd = this.rnd;
    const parts = pauses.length + 1;
    const cuts = [];
    for (let k = 0; k < parts; k++) cuts.push(rnd.float(0.3, 1));
    const total = cuts.reduce((a, b) => a + b, 0);
    for (let k = 0; k < parts; k++) {
      let part = Math.max(1, Math.round((work * cuts[k]) / total));
      if (k === 0 && priorityChange) {
        const x = Math.min(part, rnd.int(10, 120));
        cur = this.push(t, cal.add(cur, x), { priority: priorityChange.to, actor: priorityChange.actor, note: priorityChange.note });
        part -= x;
      }
      cur = cal.add(cur, part);
      if (k < pauses.length) {
        const status = pauses[k];
        cur = this.push(t, cur, { status, actor, note: this.pauseNote(status, t.service) });
        cur = cal.next(cur + this.waitMinutes(status) * MINUTE);
        cur = this.push(t, cur, { status: 'in-progress', actor, note: this.withVendor(rnd.pick(NOTES.resumed[status]), t.service) });
      }
    }
    return cur;
  }

  drawPauses(options) {
    const rnd = this.rnd;
    const r = rnd.next();
    const count = r < options.none ? 0 : r < options.none + (1 - options.none) * 0.8 ? 1 : 2;
    const pauses = [];
    for (let k = 0; k < count; k++) pauses.push(rnd.weighted(options.kinds));
    return pauses;
  }

  drawPriorityChange(t, profile, escalate, deescalate) {
    const rnd = this.rnd;
    const rank = PRIORITY_RANK[t.priority];
    if (rnd.chance(escalate) && rank > 1 && (rank > 2 || profile.critical)) {
      return { to: `P${rank - 1}`, actor: rnd.pick(TEAMS.desk), note: rnd.pick(NOTES.escalated) };
    }
    if (rnd.chance(deescalate) && rank <= 2) {
      return { to: `P${rank + 1}`, actor: rnd.pick(TEAMS.desk), note: rnd.pick(NOTES.deescalated) };
    }
    return undefined;
  }

  /**
   * Resolution, reopenings and closure. Incidents and requests close automatically three days after their
   * last resolution unless the user confirms earlier; changes and problems are closed by their manager after
   * a review (`closer`).
   */
  finish(t, cal, resolvedAt, actor, resolvedNotes, reopenChance, closeAfterDays, closer) {
    const rnd = this.rnd;
    let cur = this.push(t, resolvedAt, { status: 'resolved', actor, note: rnd.pick(resolvedNotes) });
    t.firstResolved = cur;
    if (rnd.chance(reopenChance)) {
      for (let round = 0; round < 2; round++) {
        const reopenAt = cur + minutes(rnd, 600, 0.8, 30, 4000) * MINUTE;
        this.push(t, reopenAt, { status: 'in-progress', actor, note: rnd.pick(NOTES.reopened) });
        cur = cal.add(reopenAt, minutes(rnd, 120, 0.8, 10, 1200));
        cur = this.push(t, cur, { status: 'resolved', actor, note: rnd.pick(resolvedNotes) });
        if (!rnd.chance(0.25)) break;
      }
    }
    if (closer) {
      this.push(t, cal.add(cur, closeAfterDays * cal.dayLength()), { status: 'closed', ...closer });
    } else if (rnd.chance(0.25)) {
      this.push(t, cur + minutes(rnd, 300, 1, 10, 4000) * MINUTE, { status: 'closed', actor: 'requester', note: NOTES.closed[1] });
    } else {
      this.push(t, cur + closeAfterDays * DAY_MINUTES * MINUTE, { status: 'closed', actor: 'system', note: NOTES.closed[0] });
    }
  }

  /** The target of the service's agreement for a ticket, in minutes of the agreement's calendar. */
  target(profile, type, priority, metric) {
    const sla = profile.agreement;
    const objective = sla?.targets.find((x) => x.type === type && x.priority === priority)?.[metric];
    if (!objective) return undefined;
    return durationMinutes(objective.within, this.defs.calendars.get(sla.calendar ?? '24x7') ?? this.cal24);
  }

  /**
   * A duration aimed at a target: teams work to their SLA, so durations are drawn as a share of the target
   * (median `share`), with a tail of slow tickets. Most meet the target; a few percent breach it.
   */
  aimAt(target, share, sigma, tail, fallback) {
    const rnd = this.rnd;
    if (target === undefined) return fallback;
    let f = clamp(rnd.lognormal(share, sigma), 0.01, 6);
    if (rnd.chance(tail)) f *= rnd.float(1.5, 4);
    return Math.max(1, Math.round(target * f));
  }

  responseMinutes(profile, type, priority) {
    const fallback = { P1: 5, P2: 10, P3: 30, P4: 60 }[priority] ?? 60;
    return this.aimAt(this.target(profile, type, priority, 'response'), 0.25, 0.8, 0.03, fallback);
  }

  buildIncident(seed) {
    const rnd = this.rnd;
    const profile = this.profiles.get(seed.service);
    let priority = this.priorityTables.incident.sample(rnd);
    if (priority === 'P1' && !profile.critical) priority = 'P2';
    const t = this.ticket('incident', seed.service, priority, seed.opened, {
      consumer: seed.consumer?.id,
      title: rnd.pick(profile.incidents),
      channel: seed.consumer ? rnd.weighted([['portal', 35], ['phone', 30], ['email', 15], ['chat', 12]]) : 'monitoring',
    });
    const urgent = priority === 'P1' || priority === 'P2';
    const cal = urgent ? this.cal24 : profile.calendar;
    const actor = this.actor(seed.service, !urgent);
    // The first response comes from whoever covers the service's support hours (on-call, NOC or the desk).
    const respond = this.responseMinutes(profile, 'incident', priority);
    let cur = (urgent ? this.cal24 : profile.calendar).add(t.opened, respond);
    if (rnd.chance(0.015)) {
      this.push(t, cur, { status: 'cancelled', actor, note: rnd.pick(NOTES.cancelledIncident) });
      return t;
    }
    if (rnd.chance(0.05)) {
      cur = this.push(t, cur, { status: 'awaiting-customer', actor, note: rnd.pick(NOTES.awaitingCustomer) });
      cur = cal.next(cur + this.waitMinutes('awaiting-customer') * MINUTE);
    }
    cur = this.push(t, cur, { status: 'in-progress', actor });
    const medians = { P1: 80, P2: 240, P3: 360, P4: 600 };
    const total = this.aimAt(this.target(profile, 'incident', priority, 'resolution'), 0.3, 0.7, 0.05, medians[priority]);
    const work = Math.max(10, total - respond);
    const pauses = urgent
      ? this.drawPauses({ none: 0.85, kinds: [['awaiting-vendor', 2], ['awaiting-customer', 1]] })
      : this.drawPauses({ none: 0.7, kinds: [['awaiting-customer', 65], ['awaiting-vendor', 25], ['on-hold', 10]] });
    const change = this.drawPriorityChange(t, profile, 0.05, 0.12);
    const resolvedAt = this.workWithPauses(t, cal, cur, work, pauses, change, actor);
    this.finish(t, profile.calendar, resolvedAt, actor, NOTES.resolvedIncident, 0.04, 3);
    this.addOutage(t, profile);
    return t;
  }

  addOutage(t, profile) {
    if (!profile.outages) return;
    const rnd = this.rnd;
    let impact;
    if (t.priority === 'P1') impact = rnd.chance(0.9) ? 'down' : 'degraded';
    else if (t.priority === 'P2') impact = rnd.chance(0.3) ? (rnd.chance(0.25) ? 'down' : 'degraded') : undefined;
    else if (t.priority === 'P3') impact = rnd.chance(0.02) ? 'degraded' : undefined;
    if (!impact) return;
    // Monitoring notices an outage a few minutes before anybody opens the incident.
    const start = t.opened - rnd.int(1, 12) * MINUTE;
    const median = impact === 'down' ? (t.priority === 'P1' ? 40 : 25) : 45;
    let end = start + minutes(rnd, median, 0.7, 5, 720) * MINUTE;
    if (t.firstResolved !== undefined && t.firstResolved - 5 * MINUTE < end) end = Math.max(start + 5 * MINUTE, t.firstResolved - rnd.int(0, 15) * MINUTE);
    if (end > this.cutoff) end = this.cutoff;
    if (end <= start) return;
    t.outage = { start, end, impact };
  }

  /** A second report of the same outage: overlapping, usually milder, linked to the first. */
  buildDuplicateReport(parent, start, limit) {
    const rnd = this.rnd;
    const opened = parent.opened + rnd.int(4, 25) * MINUTE;
    if (opened < start || opened >= limit) return undefined;
    const profile = this.profiles.get(parent.service);
    const consumer = this.pickConsumer(parent.service, Math.floor(opened / 86_400_000), parent.consumer);
    const t = this.ticket('incident', parent.service, parent.priority === 'P1' ? 'P2' : 'P3', opened, {
      consumer: consumer?.id,
      title: parent.title,
      channel: consumer ? rnd.weighted([['phone', 2], ['portal', 1], ['chat', 1]]) : 'monitoring',
    });
    const actor = this.actor(parent.service, true);
    let cur = this.push(t, opened + rnd.int(2, 12) * MINUTE, { status: 'in-progress', actor, note: `Same cause as the incident opened ${iso(parent.opened).slice(11, 16)} UTC` });
    let outageEnd = parent.outage.end + rnd.int(-20, 20) * MINUTE;
    const outageStart = opened - rnd.int(0, 5) * MINUTE;
    if (outageEnd > this.cutoff) outageEnd = this.cutoff;
    if (outageEnd > outageStart + 5 * MINUTE) t.outage = { start: outageStart, end: outageEnd, impact: 'degraded' };
    const base = Math.max(parent.firstResolved ?? cur, t.outage?.end ?? cur);
    cur = base + rnd.int(5, 30) * MINUTE;
    this.finish(t, this.cal24, cur, actor, NOTES.outage, 0, 3);
    t.related.push(parent);
    parent.related.push(t);
    return t;
  }

  buildRequest(seed) {
    const rnd = this.rnd;
    const profile = this.profiles.get(seed.service);
    const offering = rnd.pick(profile.offerings);
    const priority = this.priorityTables.request.sample(rnd);
    const forWhom = seed.consumer && rnd.chance(0.15) ? this.consumerNames.get(seed.consumer.id) : rnd.pick(PEOPLE);
    const t = this.ticket('request', seed.service, priority, seed.opened, {
      consumer: seed.consumer?.id,
      offering: offering.id,
      title: `${offering.name} for ${forWhom}`,
      channel: rnd.weighted([['portal', 85], ['email', 10], ['phone', 5]]),
    });
    const cal = profile.calendar;
    const actor = this.actor(seed.service, true);
    const respond = this.responseMinutes(profile, 'request', priority);
    let cur = cal.add(t.opened, respond);
    if (rnd.chance(0.03)) {
      if (rnd.chance(0.5)) {
        cur = this.push(t, cur, { status: 'in-progress', actor });
        cur = cal.add(cur, minutes(rnd, 120, 1, 10, 2000));
      }
      this.push(t, cur, { status: 'cancelled', actor, note: rnd.pick(NOTES.cancelledRequest) });
      return t;
    }
    cur = this.push(t, cur, { status: 'in-progress', actor });
    const fulfilment = durationMinutes(offering.fulfilment, profile.calendar);
    // Aim at the tighter of the offering's fulfilment target and the agreement's resolution target.
    const agreed = this.target(profile, 'request', priority, 'resolution');
    const total = this.aimAt(Math.min(fulfilment, agreed ?? fulfilment), 0.4, 0.6, 0.05, fulfilment);
    const work = Math.max(10, total - respond);
    const hardware = HARDWARE_OFFERINGS.has(offering.id);
    const pauses = [];
    if (rnd.chance(0.15)) pauses.push('awaiting-customer');
    if (hardware && rnd.chance(0.25)) pauses.push('on-hold');
    const change = this.drawPriorityChange(t, profile, 0.02, 0.1);
    const resolvedAt = this.workWithPauses(t, cal, cur, work, pauses, change, actor);
    this.finish(t, cal, resolvedAt, actor, NOTES.resolvedRequest, 0.02, 3);
    return t;
  }

  /** The next CAB meeting (Tuesdays and Thursdays, 10:00 New York) at least `leadMinutes` after `t`. */
  nextCab(t, leadMinutes) {
    const zone = HOME_ZONE;
    const earliest = t + leadMinutes * MINUTE;
    for (let day = Math.floor(earliest / 86_400_000) - 1; ; day++) {
      const wd = weekdayOf(day);
      if (wd !== 1 && wd !== 3) continue;
      if (this.volumeCalendar.isClosedException(day)) continue;
      const at = localToUtc(zone, day, 10 * 60);
      if (at >= earliest) return at;
    }
  }

  /** An approved maintenance window: weekend nights, weeknights, or office hours for low-risk work. */
  maintenanceWindow(after, priority) {
    const rnd = this.rnd;
    const zone = HOME_ZONE;
    if (priority === 'P1') {
      const start = after + rnd.int(30, 180) * MINUTE;
      return { start, end: start + rnd.int(30, 120) * MINUTE };
    }
    const kind =
      priority === 'P2'
        ? rnd.weighted([['weeknight', 70], ['weekend', 30]])
        : rnd.weighted([['weekend', 50], ['weeknight', 35], ['daytime', priority === 'P4' ? 30 : 8]]);
    let day = Math.floor(after / 86_400_000) + 1;
    if (kind === 'weekend') {
      while (weekdayOf(day) !== 5) day++;
      const early = rnd.chance(0.3);
      const start = localToUtc(zone, early ? day + 1 : day, early ? 6 * 60 : rnd.pick([20, 22]) * 60);
      return { start, end: start + rnd.int(2, 6) * 60 * MINUTE };
    }
    while (weekdayOf(day) >= 5 || this.volumeCalendar.isClosedException(day)) day++;
    if (kind === 'weeknight') {
      const start = localToUtc(zone, day, rnd.pick([20, 21]) * 60);
      return { start, end: start + rnd.int(1, 3) * 60 * MINUTE };
    }
    const start = localToUtc(zone, day, rnd.pick([10, 14]) * 60);
    return { start, end: start + 60 * MINUTE };
  }

  buildChange(seed, priorityOverride) {
    const rnd = this.rnd;
    const profile = this.profiles.get(seed.service);
    const priority = priorityOverride ?? this.priorityTables.change.sample(rnd);
    const t = this.ticket('change', seed.service, priority, seed.opened, { title: seed.title ?? rnd.pick(profile.changes) });
    const emergency = priority === 'P1';
    const cal = emergency ? this.cal24 : profile.office;
    const actor = this.actor(seed.service, false);
    let cur = cal.add(t.opened, this.responseMinutes(profile, 'change', priority));
    cur = this.push(t, cur, { status: 'in-progress', actor });
    // Emergency (P1) and expedited (P2) changes go to the emergency CAB within hours; the others wait for
    // the weekly CAB unless they are pre-approved standard changes.
    if (emergency || priority === 'P2') {
      cur = this.push(t, cal.add(cur, rnd.int(10, emergency ? 40 : 180)), { note: NOTES.cab[1], actor: CHANGE_MANAGER });
    } else if (rnd.chance(0.7)) {
      cur = this.push(t, cal.add(cur, minutes(rnd, 90, 0.8, 10, 900)), { status: 'on-hold', actor, note: 'Awaiting CAB approval' });
      const cab = this.nextCab(cur, 12 * 60);
      if (rnd.chance(0.05)) {
        this.push(t, cab + rnd.int(5, 60) * MINUTE, { status: 'cancelled', actor: CHANGE_MANAGER, note: rnd.pick(NOTES.rejectedChange) });
        return t;
      }
      cur = this.push(t, cab + rnd.int(5, 60) * MINUTE, { status: 'in-progress', actor: CHANGE_MANAGER, note: NOTES.cab[0] });
    } else {
      cur = this.push(t, cal.add(cur, minutes(rnd, 30, 0.8, 5, 600)), { note: 'Standard change: pre-approved', actor });
    }
    const live = profile.spec.lifecycle === 'live';
    if (live && profile.maintenance) {
      const window = this.maintenanceWindow(cur, priority);
      if (window.end <= this.cutoff) t.maintenance = window;
      cur = window.end + rnd.int(5, 60) * MINUTE;
    } else {
      cur = cal.add(cur, minutes(rnd, 600, 0.8, 30, 6000));
    }
    let resolvedAt = cur;
    if (t.maintenance && rnd.chance(0.04)) {
      this.push(t, t.maintenance.end, { note: 'Backed out after failed verification; second attempt next window', actor });
      const retry = this.maintenanceWindow(t.maintenance.end + DAY_MINUTES * MINUTE, priority);
      resolvedAt = retry.end + rnd.int(5, 60) * MINUTE;
    }
    this.finish(t, profile.office, resolvedAt, actor, NOTES.resolvedChange, 0, rnd.int(1, 3), {
      actor: CHANGE_MANAGER,
      note: 'Post-implementation review complete',
    });
    return t;
  }

  buildProblem(seed, month) {
    const rnd = this.rnd;
    // Problems are raised when incidents repeat: pick a service with recent unlinked incidents.
    const window = seed.opened - 21 * DAY_MINUTES * MINUTE;
    const pairs = [];
    for (const [service, list] of month.incidentsByService) {
      const profile = this.profiles.get(service);
      // Only the latest incidents are looked at, so that large months stay linear.
      let n = 0;
      for (let k = list.length - 1, seen = 0; k >= 0 && seen < 50 && list[k].opened >= window; k--, seen++) {
        if (!list[k].problem && list[k].opened < seed.opened) n++;
      }
      if (n > 0 && profile.problems.length > 0) pairs.push([service, n * (profile.weights.problem ?? 1)]);
    }
    if (pairs.length === 0) return undefined;
    const service = rnd.weighted(pairs);
    const profile = this.profiles.get(service);
    const wanted = rnd.int(1, 4);
    const incidents = [];
    const list = month.incidentsByService.get(service);
    for (let k = list.length - 1, seen = 0; k >= 0 && seen < 50 && incidents.length < wanted && list[k].opened >= window; k--, seen++) {
      if (!list[k].problem && list[k].opened < seed.opened) incidents.push(list[k]);
    }
    let priority = this.priorityTables.problem.sample(rnd);
    const worst = Math.min(...incidents.map((i) => PRIORITY_RANK[i.priority]));
    if (worst === 1 && PRIORITY_RANK[priority] > 2) priority = 'P2';
    const t = this.ticket('problem', service, priority, seed.opened, { title: rnd.pick(profile.problems) });
    for (const i of incidents) {
      i.problem = t;
      i.related.push(t);
      t.related.push(i);
    }
    const cal = profile.office;
    const actor = this.actor(service, false);
    const respond = this.responseMinutes(profile, 'problem', priority);
    let cur = this.push(t, cal.add(t.opened, respond), { status: 'in-progress', actor });
    const pauses = [];
    if (rnd.chance(0.4)) pauses.push('awaiting-vendor');
    if (rnd.chance(0.15)) pauses.push('on-hold');
    const work = Math.max(240, this.aimAt(this.target(profile, 'problem', priority, 'resolution'), 0.3, 0.7, 0.05, 3000) - respond);
    // A third of the problems are fixed by a change, raised once the root cause is known.
    const fixAt = rnd.chance(0.35) ? cal.add(cur, minutes(rnd, 600, 0.8, 60, 6000)) : undefined;
    t.fixChangeOpened = fixAt !== undefined && fixAt >= month.start && fixAt < month.limit ? fixAt - (fixAt % MINUTE) : undefined;
    const resolvedAt = this.workWithPauses(t, cal, cur, work, pauses, undefined, actor);
    const notes = t.fixChangeOpened !== undefined ? [NOTES.resolvedProblemByChange] : NOTES.resolvedProblem;
    this.finish(t, cal, resolvedAt, actor, notes, 0, 5, { actor: PROBLEM_MANAGER, note: 'Problem review complete' });
    return t;
  }

  /** A problem fixed by a change is resolved only once the change is implemented (its last two events are redone). */
  resolveAfterFix(problem, fix) {
    if (fix.firstResolved === undefined || fix.events.some((e) => e.status === 'cancelled')) return;
    const resolved = problem.events.findIndex((e) => e.status === 'resolved');
    if (resolved < 0 || problem.events[resolved].at > fix.firstResolved) return;
    problem.events.length = resolved;
    const profile = this.profiles.get(problem.service);
    const actor = problem.events[0]?.actor ?? this.actor(problem.service, false);
    const at = profile.office.add(fix.firstResolved, minutes(this.rnd, 240, 0.8, 30, 3000));
    this.finish(problem, profile.office, at, actor, [NOTES.resolvedProblemByChange], 0, 5, {
      actor: PROBLEM_MANAGER,
      note: 'Problem review complete',
    });
  }

  // --- a month -------------------------------------------------------------------------------------------

  /** Builds every ticket of a month; returns them numbered and sorted by id. */
  generateMonth(monthText, count) {
    const { seeds, start, limit } = this.makeSeeds(monthText, count);
    const month = { tickets: [], incidentsByService: new Map(), start, limit };
    let end = seeds.length;
    let i = 0;
    // A derived ticket takes the place of the month's last unprocessed seed, so the month's count stays exact.
    const addDerived = (t) => {
      if (!t || end - 1 - i < 1) return false;
      end--;
      month.tickets.push(t);
      return true;
    };
    for (; i < end; i++) {
      const seed = seeds[i];
      let t;
      if (seed.type === 'problem') {
        t = this.buildProblem(seed, month);
        if (!t) {
          const service = this.serviceTables.incident.sample(this.rnd);
          t = this.buildIncident({ ...seed, type: 'incident', service, consumer: undefined });
        }
      } else if (seed.type === 'incident') t = this.buildIncident(seed);
      else if (seed.type === 'request') t = this.buildRequest(seed);
      else t = this.buildChange(seed);
      month.tickets.push(t);
      if (t.type === 'incident') {
        let list = month.incidentsByService.get(t.service);
        if (!list) month.incidentsByService.set(t.service, (list = []));
        list.push(t);
        if (t.outage && (t.priority === 'P1' || t.priority === 'P2') && this.rnd.chance(0.35)) {
          addDerived(this.buildDuplicateReport(t, start, limit));
        }
      }
      if (t.type === 'problem' && t.fixChangeOpened !== undefined) {
        const opened = t.fixChangeOpened;
        const fix = this.buildChange({ service: t.service, opened, title: `Fix for ${t.title.charAt(0).toLowerCase()}${t.title.slice(1)}` }, t.priority === 'P1' ? 'P2' : t.priority);
        if (addDerived(fix)) {
          fix.related.push(t);
          t.related.push(fix);
          this.resolveAfterFix(t, fix);
        } else {
          for (const e of t.events) if (e.note === NOTES.resolvedProblemByChange) e.note = NOTES.resolvedProblem[0];
        }
      }
    }
    const tickets = month.tickets;
    tickets.forEach((t, k) => (t.seq = k));
    tickets.sort((a, b) => a.opened - b.opened || a.seq - b.seq);
    for (const t of tickets) {
      t.id = PREFIX[t.type] + String(this.counters[t.type]++).padStart(7, '0');
      // Nothing is recorded after the end of the data: later events have not happened yet.
      let keep = t.events.length;
      for (let k = 0; k < t.events.length; k++) {
        if (t.events[k].at > this.cutoff) {
          keep = k;
          break;
        }
      }
      t.events.length = keep;
    }
    const byType = new Map(TYPE_ORDER.map((type) => [type, []]));
    for (const t of tickets) byType.get(t.type).push(t);
    return TYPE_ORDER.flatMap((type) => byType.get(type));
  }
}

// ---------------------------------------------------------------------------------------------------------
// Output

/** One Ticket document as readable YAML (block style, one timeline event per line). */
export function ticketYaml(t) {
  let s = `---\napiVersion: itsm/v1\nkind: Ticket\nmetadata:\n  id: ${t.id}\n`;
  if (t.channel) s += `  labels: { channel: ${t.channel} }\n`;
  s += `spec:\n  type: ${t.type}\n  service: ${t.service}\n`;
  if (t.consumer) s += `  consumer: ${t.consumer}\n`;
  s += `  priority: ${t.priority}\n  title: ${scalar(t.title)}\n  opened: ${iso(t.opened)}\n`;
  if (t.offering) s += `  offering: ${t.offering}\n`;
  if (t.group) s += `  group: ${t.group}\n`;
  if (t.events.length > 0) {
    s += '  timeline:\n';
    for (const e of t.events) {
      s += `    - { at: ${iso(e.at)}`;
      if (e.status) s += `, status: ${e.status}`;
      if (e.priority) s += `, priority: ${e.priority}`;
      if (e.group) s += `, group: ${e.group}`;
      if (e.assignee) s += `, assignee: ${e.assignee}`;
      if (e.actor) s += `, actor: ${e.actor}`;
      if (e.note) s += `, note: ${scalar(e.note)}`;
      s += ' }\n';
    }
  }
  if (t.outage) s += `  outage: { start: ${iso(t.outage.start)}, end: ${iso(t.outage.end)}, impact: ${t.outage.impact} }\n`;
  if (t.maintenance) s += `  maintenance: { start: ${iso(t.maintenance.start)}, end: ${iso(t.maintenance.end)} }\n`;
  if (t.related.length > 0) s += `  related: [${t.related.map((r) => r.id).sort().join(', ')}]\n`;
  return s;
}

/**
 * Generates `count` tickets over `months` into OUTDIR/tickets/YYYY/YYYY-MM.yaml, one month at a time.
 * `assigner` (optional, an Assigner from ./assignments.js) gives each ticket its groups after the month is built.
 * Returns counts per type and per month.
 */
export function writeTickets({ definitions, outDir, count, seed, months, cutoff, header, assigner }) {
  const generator = new TicketGenerator(definitions, { seed, cutoff });
  const quotas = generator.monthQuotas(months, count);
  const stats = { byType: { incident: 0, request: 0, problem: 0, change: 0 }, byMonth: {}, files: [] };
  months.forEach((month, k) => {
    const tickets = generator.generateMonth(month, quotas[k]);
    if (assigner) for (const t of tickets) assigner.assign(t);
    const dir = join(outDir, 'tickets', month.slice(0, 4));
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${month}.yaml`);
    const fd = openSync(file, 'w');
    try {
      writeSync(fd, header);
      let chunk = '';
      for (const t of tickets) {
        chunk += ticketYaml(t);
        if (chunk.length > 1 << 20) {
          writeSync(fd, chunk);
          chunk = '';
        }
        stats.byType[t.type]++;
      }
      if (chunk) writeSync(fd, chunk);
    } finally {
      closeSync(fd);
    }
    stats.byMonth[month] = tickets.length;
    stats.files.push(file);
  });
  return stats;
}

