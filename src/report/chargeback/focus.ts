import { startOfLocalDay } from '../../time/index.js';
import { formatDecimal, mul, terminatesWithin, fromMinor, compare } from '../../chargeback/money.js';
import type { Chargeback, ChargeLine } from '../../chargeback/types.js';
import { csvHeader, csvRecord, type CsvOptions } from '../csv.js';
import { utc } from './json.js';
import { plainMoney, priceText } from './shared.js';

/**
 * `--format focus`: the charge lines as a FinOps FOCUS 1.2 cost and usage dataset (CSV), so that they load into the
 * FinOps tools that already read cloud bills. IT is the provider, the organisation the billing account, and each
 * consumer a sub account (FOCUS "SubAccountId/SubAccountName": a grouping used for cost allocation).
 *
 * Column by column (FOCUS requirement in brackets):
 * - BilledCost = EffectiveCost = ListCost = ContractedCost = the line's amount: internal prices have no discounts or
 *   commitments, so the four costs agree [ListCost: "MUST match BilledCost" when ListUnitPrice is null].
 * - ListUnitPrice and ContractedUnitPrice: the unit price only when it times PricingQuantity gives the cost exactly
 *   [PricingQuantity × unit price MUST equal the cost]; null for prorated, tiered and allocated lines.
 * - ChargeCategory: subscriptions (fixed, per-unit) and allocation by headcount, units or even shares are
 *   "Purchase" with ChargeFrequency "Recurring"; metered prices (usage, per-request) and allocation by usage or
 *   tickets are "Usage", "Usage-Based", with ConsumedQuantity [MUST NOT be null for Usage]; service credits are
 *   "Credit" (negative); unallocated cost is an "Adjustment" with no sub account [SubAccountId MUST be null when a
 *   charge applies to no sub account].
 * - Dates are UTC instants 'YYYY-MM-DDTHH:mm:ssZ' with exclusive ends [Date/Time Format]: the local midnights of the
 *   organisation's zone that bound the period (BillingPeriod*) and the line's month or credit window (ChargePeriod*).
 * - ServiceCategory: the service's catalog `category` when it is one of FOCUS's allowed values (case-insensitive),
 *   else "Other" [MUST be one of the allowed values]; the catalog category is kept in x_ServiceCategoryName.
 * - Numbers: plain decimals, no separators or exponent [Numeric Format]; null is an empty field.
 * - Custom columns start with `x_` [Custom Column Handling].
 */
export const FOCUS_COLUMNS = [
  'BilledCost',
  'BillingAccountId',
  'BillingAccountName',
  'BillingCurrency',
  'BillingPeriodEnd',
  'BillingPeriodStart',
  'ChargeCategory',
  'ChargeClass',
  'ChargeDescription',
  'ChargeFrequency',
  'ChargePeriodEnd',
  'ChargePeriodStart',
  'ConsumedQuantity',
  'ConsumedUnit',
  'ContractedCost',
  'ContractedUnitPrice',
  'EffectiveCost',
  'InvoiceIssuerName',
  'ListCost',
  'ListUnitPrice',
  'PricingCategory',
  'PricingQuantity',
  'PricingUnit',
  'ProviderName',
  'PublisherName',
  'ServiceCategory',
  'ServiceName',
  'SubAccountId',
  'SubAccountName',
  'x_ChargeKind',
  'x_CostCenter',
  'x_PricingModel',
  'x_ServiceCategoryName',
  'x_ServiceId',
] as const;

type FocusColumn = (typeof FOCUS_COLUMNS)[number];

/** FOCUS 1.2 ServiceCategory allowed values. */
export const FOCUS_SERVICE_CATEGORIES = [
  'AI and Machine Learning',
  'Analytics',
  'Business Applications',
  'Compute',
  'Databases',
  'Developer Tools',
  'Multicloud',
  'Identity',
  'Integration',
  'Internet of Things',
  'Management and Governance',
  'Media',
  'Migration',
  'Mobile',
  'Networking',
  'Security',
  'Storage',
  'Web',
  'Other',
] as const;

export function focusServiceCategory(category: string): string {
  const wanted = category.trim().toLowerCase();
  return FOCUS_SERVICE_CATEGORIES.find((c) => c.toLowerCase() === wanted) ?? 'Other';
}

/** Columns holding free text that people typed, which get the CSV formula-injection guard. */
const TEXT_COLUMNS: ReadonlySet<FocusColumn> = new Set([
  'BillingAccountName',
  'ChargeDescription',
  'ConsumedUnit',
  'InvoiceIssuerName',
  'PricingUnit',
  'ProviderName',
  'PublisherName',
  'ServiceName',
  'SubAccountName',
  'x_CostCenter',
  'x_ServiceCategoryName',
]);

interface Classification {
  category: 'Usage' | 'Purchase' | 'Credit' | 'Adjustment';
  frequency: 'Recurring' | 'Usage-Based' | 'One-Time';
}

function classify(line: ChargeLine): Classification {
  if (line.kind === 'credit') return { category: 'Credit', frequency: 'One-Time' };
  if (line.kind === 'unallocated') return { category: 'Adjustment', frequency: line.model === 'per-request' ? 'Usage-Based' : 'Recurring' };
  const metered = line.model === 'usage' || line.model === 'per-request' || (line.model === 'allocation' && (line.driver === 'usage' || line.driver === 'tickets'));
  return metered ? { category: 'Usage', frequency: 'Usage-Based' } : { category: 'Purchase', frequency: 'Recurring' };
}

/** FOCUS Unit Format: capitalised count units, "<Unit>-Months" for a unit held over months ("Mailbox-Months"). */
function pricingUnit(line: ChargeLine): string | null {
  switch (line.model) {
    case 'fixed':
      return 'Months';
    case 'per-unit':
      return `${capitalise(line.unit ?? 'Unit')}-Months`;
    case 'usage':
      return line.unit;
    case 'per-request':
      return 'Requests';
    case 'allocation':
      switch (line.driver) {
        case 'headcount':
          return 'Employees';
        case 'units':
          return 'Units';
        case 'tickets':
          return 'Tickets';
        case 'even':
          return 'Shares';
        default:
          return line.metric;
      }
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

type Cell = string | number | null;

function focusRow(result: Chargeback, line: ChargeLine): Record<FocusColumn, Cell> {
  const tz = result.timeZone;
  const { category, frequency } = classify(line);
  const amount = plainMoney(result, line.amount);
  const priced = category === 'Usage' || category === 'Purchase';
  const quantity = priced ? (line.model === 'allocation' ? line.driverQuantity : line.quantity) : null;
  const quantityText = quantity === null ? null : formatDecimal(quantity, 6);
  // A unit price goes with the quantity only when their product is the cost exactly (FOCUS PricingQuantity rule).
  const unitPrice =
    priced && quantity !== null && line.unitPrice !== null && !line.tiered && terminatesWithin(quantity, 6) &&
    compare(mul(quantity, line.unitPrice), fromMinor(line.amount, result.minorDigits)) === 0
      ? priceText(result, line.unitPrice, false)
      : null;
  const unit = priced ? pricingUnit(line) : null;
  return {
    BilledCost: amount,
    BillingAccountId: `${result.organisation.id}`,
    BillingAccountName: result.organisation.name,
    BillingCurrency: result.currency,
    BillingPeriodEnd: utc(result.period.end),
    BillingPeriodStart: utc(result.period.start),
    ChargeCategory: category,
    ChargeClass: null,
    ChargeDescription: `${line.serviceName}: ${line.description}`,
    ChargeFrequency: frequency,
    ChargePeriodEnd: utc(startOfLocalDay(tz, line.end)),
    ChargePeriodStart: utc(startOfLocalDay(tz, line.start)),
    ConsumedQuantity: category === 'Usage' ? quantityText : null,
    ConsumedUnit: category === 'Usage' ? unit : null,
    ContractedCost: amount,
    ContractedUnitPrice: unitPrice,
    EffectiveCost: amount,
    InvoiceIssuerName: result.organisation.name,
    ListCost: amount,
    ListUnitPrice: unitPrice,
    PricingCategory: priced ? 'Standard' : null,
    PricingQuantity: quantityText,
    PricingUnit: unit,
    ProviderName: result.organisation.name,
    PublisherName: result.organisation.name,
    ServiceCategory: focusServiceCategory(line.serviceCategory),
    ServiceName: line.serviceName,
    SubAccountId: line.kind === 'unallocated' ? null : line.consumer,
    SubAccountName: line.kind === 'unallocated' ? null : line.consumerName,
    x_ChargeKind: line.kind,
    x_CostCenter: line.kind === 'unallocated' ? null : line.costCenter,
    x_PricingModel: line.model,
    x_ServiceCategoryName: line.serviceCategory,
    x_ServiceId: line.service,
  };
}

export function formatChargebackFocus(result: Chargeback, options: CsvOptions = {}): string {
  const text = FOCUS_COLUMNS.map((c) => TEXT_COLUMNS.has(c));
  let out = csvHeader(FOCUS_COLUMNS, options.delimiter);
  for (const line of result.lines) {
    const row = focusRow(result, line);
    out += csvRecord(
      FOCUS_COLUMNS.map((c) => row[c]),
      text,
      options.delimiter,
    );
  }
  return out;
}
