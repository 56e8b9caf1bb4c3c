import { describe, expect, it } from 'vitest';
import { floorPercent, formatAvailability, formatCompliance, localInstant } from '../../../src/report/sla/shared.js';

describe('display helpers', () => {
  it('rounds percentages down so that a missed objective never prints as met', () => {
    expect(formatCompliance(94.96, 95)).toBe('94.9%');
    expect(formatCompliance(93.333, 95)).toBe('93.3%');
    expect(formatCompliance(99.49, 99.5)).toBe('99.4%');
    expect(formatCompliance(99.499, 99.95)).toBe('99.49%');
    expect(formatCompliance(100, 95)).toBe('100.0%');
    expect(formatCompliance(null, 95)).toBe('—');
    expect(formatAvailability(99.949, 99.95)).toBe('99.94%');
    expect(formatAvailability(99.995, 99.995)).toBe('99.995%');
    expect(formatAvailability(null, 99.9)).toBe('—');
    // Binary floating point must not push an exact value down a step.
    expect(floorPercent(93.3, 1)).toBe('93.3%');
    expect(floorPercent(0.7, 1)).toBe('0.7%');
  });

  it('shows an instant in a zone as "date time offset", seconds only when there are some', () => {
    expect(localInstant('America/New_York', '2026-11-01T05:30:00.000Z')).toBe('2026-11-01 01:30 -04:00');
    expect(localInstant('America/New_York', '2026-11-01T06:30:00.000Z')).toBe('2026-11-01 01:30 -05:00');
    expect(localInstant('UTC', '2026-11-01T06:30:15.250Z')).toBe('2026-11-01 06:30:15 +00:00');
    expect(localInstant('Asia/Kathmandu', '2026-11-01T00:00:00.000Z')).toBe('2026-11-01 05:45 +05:45');
    expect(localInstant('UTC', null)).toBe('—');
  });
});
