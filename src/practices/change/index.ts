export { buildChangeCalendar, type ChangeCalendar } from './calendar.js';
export { buildChangeImpact, impactSubject, type ChangeImpact, type ChangeSummary, type FreezeSummary, type ImpactSubject } from './impact.js';
export { buildChangeReport, type ChangeReport, type Rate, type RestoreRow } from './report.js';
