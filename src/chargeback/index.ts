/**
 * Chargeback and showback: what each consumer's IT services cost it, exactly. Pure: functions over the repository.
 * The semantics — proration, tiers, allocation drivers and unallocated cost, cost shares, credits, rounding — are in
 * docs/chargeback.md.
 */
export { buildChargeback, type ChargebackOptions } from './build.js';
export { largestRemainder } from './allocate.js';
export { tieredPrice, fulfilledAt } from './charges.js';
export { costLineInSegment, serviceCosts, type SegmentCost } from './costs.js';
export { creditWindows, deepestTier } from './credits.js';
export { monthSegments, overlapDays, type MonthSegment } from './days.js';
export * from './money.js';
export * from './types.js';
