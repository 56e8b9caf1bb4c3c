import { isDuration, isInstant, isLocalDate, isMoney } from '../model/primitives.js';
import { isTimeZone } from '../model/timezone.js';

/**
 * The refinements of the zod model that JSON Schema cannot state, as the custom formats of the compiled validator
 * (src/validate/compiled/documents.ts imports this object; scripts/generate-validator.js compiles against it). Each
 * calls the very function the zod schema calls, so the fast path is exactly as strict as zod on these fields.
 * A format applies to one JSON type: `money` judges numbers (strings are matched by the same regex as a `pattern`).
 * src/schemas/json-schema.ts (VALIDATOR_FORMATS) says which zod schema carries which format.
 */
export const FAST_FORMATS = {
  instant: isInstant,
  'local-date': isLocalDate,
  'time-zone': isTimeZone,
  duration: isDuration,
  money: { type: 'number', validate: (value: number) => isMoney(value) },
} as const;

export type FastFormat = keyof typeof FAST_FORMATS;
