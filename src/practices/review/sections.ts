import type { SlaReport } from '../../sla/report.js';
import type { ReviewContext } from './context.js';
import type {
  AvailabilityTrend,
  BacklogSection,
  ChangeSection,
  ImprovementRow,
  ProblemSection,
  RateMonth,
  RecurrenceSection,
  Review,
  ServiceLevelSection,
  SpeedSection,
  TargetTrend,
  VolumeSection,
  WorstSection,
} from './types.js';

/** What the pass over the tickets' timelines gives (tickets.ts): no clock is measured for it. */
export interface TicketSections {
  volume: VolumeSection;
  backlog: BacklogSection;
  reopen: RateMonth[];
  firstContact: RateMonth[];
  recurrence: RecurrenceSection;
  /** Per service, consumer and group id: the reviewed month's counts of the breakdown (BreakdownRow). */
  counts: BreakdownCounts;
}

export interface Counts {
  opened: number;
  resolved: number;
  backlog: number;
}

export interface BreakdownCounts {
  services: Map<string, Counts>;
  consumers: Map<string, Counts>;
  groups: Map<string, Counts>;
}

/** What the pass over the SLA report's clocks gives (clocks.ts). */
export interface ClockSections {
  speed: Pick<SpeedSection, 'priorities' | 'figures'>;
  targets: TargetTrend[];
  availability: AvailabilityTrend[];
  worst: WorstSection;
  /** Per service, consumer and group id: the reviewed month's clock figures of the breakdown (BreakdownRow). */
  clocks: BreakdownClocks;
}

export interface ClockFigures {
  measured: number;
  breached: number;
  compliancePercent: number | null;
  resolutionMedianMinutes: number | null;
  /** Services only (null for consumers and groups). */
  downtimeMinutes: number | null;
}

export interface BreakdownClocks {
  services: Map<string, ClockFigures>;
  consumers: Map<string, ClockFigures>;
  groups: Map<string, ClockFigures>;
}

/** The signatures each section module implements; build.ts puts them together. */
export type TicketSectionsOf = (context: ReviewContext) => TicketSections;
export type ClockSectionsOf = (report: SlaReport, context: ReviewContext) => ClockSections;
export type CreditsOf = (context: ReviewContext) => ServiceLevelSection['credits'];
export type ChangeSectionOf = (context: ReviewContext) => ChangeSection | null;
export type ProblemSectionOf = (context: ReviewContext) => ProblemSection | null;
export type ImprovementsOf = (review: Omit<Review, 'improvements'>, report: SlaReport, context: ReviewContext) => ImprovementRow[];
