import type { Diagnostic, RelatedLocation } from './diagnostic.js';

/* Checks of diagnostics read back from a cache, by hand (results-cache.ts says why not with zod). */

/** Whether `value` is an array every item of which `item` accepts. */
const isArrayOf = <T>(value: unknown, item: (v: unknown) => v is T): value is T[] => Array.isArray(value) && value.every((v) => item(v));

const isOptional = (v: unknown, type: 'number' | 'string'): boolean => v === undefined || typeof v === type;

/** The fields of a Location, checked by hand (results-cache.ts says why not with zod). */
function isLocation(v: Record<string, unknown>): boolean {
  return (
    typeof v.file === 'string' &&
    isOptional(v.document, 'number') &&
    (v.path === undefined || isArrayOf(v.path, (p): p is string | number => typeof p === 'string' || typeof p === 'number')) &&
    (v.target === undefined || v.target === 'key' || v.target === 'value') &&
    isOptional(v.line, 'number') &&
    isOptional(v.column, 'number') &&
    isOptional(v.endLine, 'number') &&
    isOptional(v.endColumn, 'number')
  );
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isRelated(v: unknown): v is RelatedLocation {
  return isRecord(v) && isLocation(v) && typeof v.message === 'string';
}

export function isDiagnostic(v: unknown): v is Diagnostic {
  return (
    isRecord(v) &&
    isLocation(v) &&
    typeof v.rule === 'string' &&
    (v.severity === 'error' || v.severity === 'warning') &&
    typeof v.message === 'string' &&
    isOptional(v.hint, 'string') &&
    (v.related === undefined || isArrayOf(v.related, isRelated))
  );
}

