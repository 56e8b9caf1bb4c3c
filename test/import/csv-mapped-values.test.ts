import { describe, expect, it } from 'vitest';
import { foldValue, ValueMap } from '../../src/import/csv-mapped-values.js';

describe('ValueMap', () => {
  const map = new ValueMap({ values: { 'In Progress': 'in-progress', 'in progress ': 'awaiting-customer', Done: 'resolved' }, fallback: 'new' }, ['on-hold', 'awaiting-vendor']);

  it('finds a value as written first, then ignoring case and spaces', () => {
    expect(map.get('In Progress')).toEqual({ value: 'in-progress', via: 'table' });
    expect(map.get('in progress ')).toEqual({ value: 'awaiting-customer', via: 'table' });
    expect(map.get('  DONE')).toEqual({ value: 'resolved', via: 'table' });
  });

  it('takes a known id as written, in another case, or as its slug', () => {
    expect(map.get('ON-HOLD')).toEqual({ value: 'on-hold', via: 'identity' });
    expect(map.get('Awaiting Vendor')).toEqual({ value: 'awaiting-vendor', via: 'identity' });
  });

  it('falls back for an unknown or empty value, and gives nothing without a fallback', () => {
    expect(map.get('Frozen')).toEqual({ value: 'new', via: 'fallback' });
    expect(map.get('')).toEqual({ value: 'new', via: 'fallback' });
    expect(new ValueMap({ values: {} }).get('Frozen')).toBeUndefined();
    expect(new ValueMap({ values: {} }).get(undefined)).toBeUndefined();
  });

  it('takes the first of several values that it knows, before falling back', () => {
    expect(map.first(['Plotter', 'Done', 'In Progress'])).toEqual({ value: 'resolved', via: 'table' });
    expect(map.first(['Plotter'])).toEqual({ value: 'new', via: 'fallback' });
    expect(map.first([])).toEqual({ value: 'new', via: 'fallback' });
  });
});

describe('foldValue', () => {
  it('folds case, spaces and Unicode forms', () => {
    expect(foldValue('  In\u00a0 Bearbeitung ')).toBe('in bearbeitung');
    expect(foldValue('Ge\u0301lo\u0308st')).toBe(foldValue('Gélöst'));
  });
});
