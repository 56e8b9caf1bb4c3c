/**
 * The published service catalog (ITIL 4 "service catalogue management"): the services of a repository with every
 * reference followed — agreements with their targets, calendars, dependencies both ways, offerings and pricing — and
 * the sentences a reader needs ("Mon–Fri 08:00–18:00 America/New_York, except 13 holidays") already written.
 *
 * It is plain, JSON-serialisable data, so that `--format json` is this object as it is and every other format is a
 * rendering of it. Every key is always present; a value that does not exist is `null` (or an empty list), never
 * left out, so that scripts need no existence checks. Documented field by field in docs/catalog.md.
 */
import type { TicketType } from '../model/ticket-type.js';

/**
 * Who the catalog is for. `customer` is what consumers of the services may read: it leaves out costs, cost shares,
 * operational agreements (OLAs and SLOs, which are internal by definition in ITIL) and contacts marked `internal`.
 * `internal` shows everything.
 */
export type Audience = 'customer' | 'internal';
export const AUDIENCES: readonly Audience[] = ['customer', 'internal'];

/** Where the repository came from: the commit that last changed its data, and that commit's date, as git prints them. */
export interface CatalogSource {
  /** The full commit hash. */
  commit: string;
  /** The committer date in strict ISO 8601 (`git log --format=%cI`), e.g. "2026-11-22T11:26:32+00:00". */
  date: string;
}

export interface CatalogOptions {
  audience: Audience;
  /** Retired services are left out of a published catalog unless asked for (ITIL: the retired services are part of the portfolio, not the catalogue). */
  includeRetired: boolean;
  /** Provenance, found by the caller (the CLI asks git); null when the repository is not in git. */
  source: CatalogSource | null;
}

export type Lifecycle = 'pipeline' | 'live' | 'retired';

export interface Catalog {
  /** Version of this shape; bumped on any incompatible change. */
  version: 1;
  organisation: { id: string; name: string; currency: string; timeZone: string };
  audience: Audience;
  includeRetired: boolean;
  source: CatalogSource | null;
  /** How many services the repository has in each lifecycle stage, listed here or not. */
  counts: { live: number; pipeline: number; retired: number };
  /** The priorities of `itsm.yaml`, in their order: the order of the targets' rows. */
  priorities: { id: string; name: string | null }[];
  /**
   * The order in which the catalog presents its services: one section per category of live services (by category
   * name), then the services in the pipeline, then the retired services when they are included. Every listed
   * service is in exactly one section.
   */
  sections: CatalogSection[];
  /** The listed services, in the order of `sections`. */
  services: CatalogService[];
  /** "service depends on dependsOn", between listed services, sorted by service then dependency id. */
  dependencies: { service: string; dependsOn: string }[];
  /** Every calendar that a listed service or shown agreement refers to (including the built-in 24x7), sorted by id. */
  calendars: CatalogCalendar[];
}

export interface CatalogSection {
  lifecycle: Lifecycle;
  /** The category for a section of live services; null for the pipeline and retired sections, which span categories. */
  category: string | null;
  /** Service ids, sorted by name. */
  services: string[];
}

export interface CatalogService {
  id: string;
  /** The display name: `metadata.name`, or the id when there is none. */
  name: string;
  description: string;
  category: string;
  /** ITIL's two views of the catalogue: business services are what consumers see, technical ones support them. */
  type: 'business' | 'technical' | null;
  lifecycle: Lifecycle;
  criticality: 'low' | 'medium' | 'high' | 'critical' | null;
  /** The accountable team (ITIL service owner). */
  owner: string | null;
  /** In the order written; contacts marked internal are left out of the customer catalog. */
  contacts: CatalogContact[];
  supportHours: CalendarRef;
  /** The service's `sla` first, then its `agreements` in the order written. The customer catalog shows SLAs only. */
  agreements: CatalogAgreement[];
  offerings: CatalogOffering[];
  pricing: CatalogPricing | null;
  /** What running the service costs; null in the customer catalog. */
  costs: CatalogCost[] | null;
  /** Shares of other services' costs that this service carries; null in the customer catalog. */
  costShares: { service: ServiceRef; percent: number }[] | null;
  /** The services this one needs, sorted by name. A dependency that is not listed here (retired) has `listed: false`. */
  dependsOn: ServiceRef[];
  /** The listed services that depend on this one, sorted by name. */
  usedBy: ServiceRef[];
  links: { title: string; url: string }[];
  labels: Record<string, string>;
  /** Free-form notes, which may be internal; null in the customer catalog. */
  annotations: Record<string, string> | null;
  /**
   * The knowledge articles that name this service, sorted by title then id. The customer catalog holds only articles
   * whose audience is `customer`.
   */
  articles: CatalogArticle[];
  /** The service's known errors: its problems with a workaround that are not resolved, closed or cancelled, by id. */
  knownErrors: CatalogKnownError[];
}

/** A knowledge article (docs/format.md, "Article"): its front matter and an excerpt of its text, never the text itself. */
export interface CatalogArticle {
  id: string;
  title: string;
  /** The Markdown file, repository-relative. */
  file: string;
  audience: Audience;
  owner: string;
  /** The date by which it is reviewed next (YYYY-MM-DD). */
  reviewBy: string;
  /** The ids of the services it is about, as written. */
  services: string[];
  /** The ids of the problems it documents, as written. */
  problems: string[];
  /** The first paragraph of its text as plain text, at most 240 characters; null when it has none. */
  excerpt: string | null;
}

/** A known error: a problem with a documented workaround, not yet resolved (ITIL 4 problem management). */
export interface CatalogKnownError {
  /** The problem ticket's id. */
  id: string;
  title: string;
  /** What to do meanwhile: the workaround's description. */
  workaround: string;
  /** When the workaround was documented, as written (an RFC 3339 instant). */
  documented: string;
  /** The articles of this catalog that document it (name it in `problems`), sorted by title then id. */
  articles: { id: string; title: string }[];
}

export interface ServiceRef {
  id: string;
  name: string;
  lifecycle: Lifecycle;
  /** Whether the service has its own entry in this catalog (false for a retired service left out). */
  listed: boolean;
}

export interface CatalogContact {
  name: string;
  role: string | null;
  email: string | null;
  phone: string | null;
  internal: boolean;
}

/** A calendar as a service or agreement refers to it, with its hours in words. */
export interface CalendarRef {
  id: string;
  name: string;
  /** E.g. "Mon–Fri 08:00–18:00 America/New_York, except 13 holidays"; "every hour of every day" for 24x7. */
  text: string;
  /** False for a calendar that counts every hour of every day, with no holidays: its hours are plain hours. */
  businessTime: boolean;
}

export interface CatalogAgreement {
  id: string;
  name: string;
  type: 'sla' | 'ola' | 'slo';
  /** True for the service's `sla`, false for one of its further `agreements`. */
  primary: boolean;
  description: string | null;
  parties: string[];
  calendar: CalendarRef;
  /** The statuses in which the clocks stop, with their display names. */
  pauseOn: { id: string; name: string }[];
  reopen: 'resume' | 'new-cycle';
  /** Sorted by ticket type (incident, request, problem, change) and then priority in the order of `itsm.yaml`. */
  targets: CatalogTarget[];
  availability: { target: number; window: 'month' | 'quarter' | 'year'; text: string } | null;
  /** Sorted by threshold, highest first. */
  credits: { below: number; credit: number }[];
  /** E.g. "5% of the month's charge below 99.9%, 10% below 99.5%"; null when there are no credits. */
  creditsText: string | null;
}

export interface CatalogTarget {
  type: TicketType;
  priority: string;
  priorityName: string | null;
  /** "P1 incidents". */
  label: string;
  response: CatalogObjective | null;
  resolution: CatalogObjective | null;
  /** "P1 incidents: response 15 min, resolution 4 hours, 95% of the time". */
  text: string;
}

export interface CatalogObjective {
  /** As written in the SLA: "4h", "3bd". */
  within: string;
  /** Percent of tickets that must meet it. */
  objective: number;
  /** "4 business hours, 95% of the time". */
  text: string;
}

export interface CatalogOffering {
  id: string;
  name: string;
  description: string | null;
  fulfilment: { within: string; calendar: string; text: string };
  /** The price per request as written (a decimal string), or null when none is set. */
  price: string | null;
  /** "USD 25.00", "no charge", or null when no price is set. */
  priceText: string | null;
}

export interface CatalogPricing {
  model: 'none' | 'fixed' | 'per-unit' | 'usage' | 'per-request' | 'allocation';
  /** The pricing in words, e.g. "USD 6.50 per mailbox per month." */
  text: string;
  /** The fields of `spec.pricing` as written, amounts as decimal strings. */
  spec: Record<string, unknown>;
  /**
   * The dated price versions, in the order they take effect; present only when the service has any. `text` above then
   * reads as a price list with dates ("USD 6.50 per mailbox per month. From 2027-01-01: USD 7.00 …"), true whenever
   * the catalog is read: the catalog has no "now", so it lists every price with the day it applies from.
   */
  versions?: CatalogPriceVersion[];
}

export interface CatalogPriceVersion {
  /** The first local day (the organisation's time zone) of this price. */
  from: string;
  /** Why the price changed; null in the customer catalog (a note may be internal). */
  note: string | null;
  model: CatalogPricing['model'];
  /** This price in words, without the date. */
  text: string;
  spec: Record<string, unknown>;
}

export interface CatalogCost {
  item: string;
  amount: string;
  per: 'month' | 'year';
  /** "USD 9,400.00 per month". */
  text: string;
}

export interface CatalogCalendar {
  id: string;
  name: string;
  builtIn: boolean;
  description: string | null;
  timeZone: string;
  text: string;
  businessTime: boolean;
  /** The working intervals of each weekday, Monday first; [] for a day without working time. */
  hours: Record<'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday', string[]>;
  /** Sorted by date. */
  holidays: { date: string; name: string }[];
  /** Sorted by date. */
  specialDays: { date: string; name: string; hours: string[] }[];
}
