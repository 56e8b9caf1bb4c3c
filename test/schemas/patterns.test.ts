import { Ajv, type ValidateFunction } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { Duration, Instant, LocalDate, Money, TimeInterval, TimeZone } from '../../src/model/index.js';
import { generateJsonSchemas } from '../../src/schemas/json-schema.js';

/**
 * An editor must never flag a document that `itsm validate` accepts. The JSON Schema of each primitive may be looser
 * than zod (it cannot know February has 28 days) but never stricter: whatever zod accepts, the schema accepts.
 */
const ajv = new Ajv({ strict: true, allowUnionTypes: true });
const generated = generateJsonSchemas();

/** The generated schema of one field, found by JSON pointer in one of the committed-to-be files. */
function fieldSchema(fileName: string, pointer: string): ValidateFunction {
  let node: unknown = JSON.parse(generated.get(fileName)!);
  for (const key of pointer.split('/').slice(1)) node = (node as Record<string, unknown>)[key];
  if (typeof node !== 'object' || node === null) throw new Error(`nothing at ${fileName}#${pointer}`);
  return ajv.compile(node);
}

function expectSchemaAcceptsWhatZodAccepts(zodSchema: z.ZodType, schema: ValidateFunction, values: fc.Arbitrary<unknown>) {
  fc.assert(
    fc.property(values, (value) => {
      if (zodSchema.safeParse(value).success) expect(schema(value), JSON.stringify(value)).toBe(true);
    }),
    { numRuns: 2000 },
  );
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

describe('patterns in the JSON Schemas accept everything zod accepts', () => {
  it('Instant', () => {
    const schema = fieldSchema('ticket.schema.json', '/properties/spec/properties/opened');
    for (const ok of ['2026-10-05T14:02:00Z', '2026-10-05T10:02-04:00', '2026-10-05T14:02:00.123456789+05:30']) {
      expect(Instant.safeParse(ok).success).toBe(true);
      expect(schema(ok)).toBe(true);
    }
    const instants = fc
      .record({
        y: fc.integer({ min: 0, max: 9999 }),
        mo: fc.integer({ min: 0, max: 13 }),
        d: fc.integer({ min: 0, max: 32 }),
        h: fc.integer({ min: 0, max: 25 }),
        mi: fc.integer({ min: 0, max: 60 }),
        s: fc.option(fc.integer({ min: 0, max: 60 })),
        frac: fc.option(fc.stringMatching(/^\d{1,10}$/)),
        sep: fc.constantFrom('T', ' ', 't'),
        offset: fc.constantFrom('Z', 'z', '', '+02:00', '-04:00', '+23:59', '+24:00', '+05:60', '+0200'),
      })
      .map(({ y, mo, d, h, mi, s, frac, sep, offset }) => {
        const seconds = s === null ? '' : `:${pad(s, 2)}${frac === null ? '' : `.${frac}`}`;
        return `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}${sep}${pad(h, 2)}:${pad(mi, 2)}${seconds}${offset}`;
      });
    expectSchemaAcceptsWhatZodAccepts(Instant, schema, fc.oneof(instants, fc.string()));
  });

  it('LocalDate', () => {
    const schema = fieldSchema('usage.schema.json', '/properties/spec/properties/records/items/properties/date');
    const dates = fc
      .tuple(fc.integer({ min: 0, max: 99999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 1, max: 3 }))
      .map(([y, m, d, width]) => `${pad(y, 4)}-${pad(m, width)}-${pad(d, 2)}`);
    expectSchemaAcceptsWhatZodAccepts(LocalDate, schema, fc.oneof(dates, fc.string()));
  });

  it('Duration', () => {
    const schema = fieldSchema('sla.schema.json', '/properties/spec/properties/targets/items/properties/response/properties/within');
    for (const ok of ['30m', '4h', '1h30m', '2bd', 'PT4H', 'PT1H30M', 'PT45M']) {
      expect(Duration.safeParse(ok).success).toBe(true);
      expect(schema(ok)).toBe(true);
    }
    for (const bad of ['1d', 'P1D', '4 h', 'PT', '', 'h']) expect(schema(bad), bad).toBe(false);
    const tokens = fc
      .array(fc.constantFrom('0', '1', '2', '4', '30', 'h', 'm', 'bd', 'd', 'P', 'T', 'H', 'M', 'D', ' '), { maxLength: 6 })
      .map((parts) => parts.join(''));
    expectSchemaAcceptsWhatZodAccepts(Duration, schema, fc.oneof(tokens, fc.string()));
  });

  it('Money', () => {
    const schema = fieldSchema('service.schema.json', '/properties/spec/properties/costs/items/properties/amount');
    for (const ok of [0, 12.5, 1000000, '12.50', '0.0001']) expect(schema(ok), String(ok)).toBe(true);
    for (const bad of [-1, '-1', '12.50001', '1e3', '12,50', true]) expect(schema(bad), String(bad)).toBe(false);
    const amounts = fc.oneof(
      fc.double({ noNaN: true }),
      fc.integer(),
      fc.stringMatching(/^-?\d{1,6}(?:\.\d{0,6})?$/),
      fc.string(),
    );
    expectSchemaAcceptsWhatZodAccepts(Money, schema, amounts);
  });

  it('TimeZone, for every zone this runtime knows', () => {
    const schema = fieldSchema('config.schema.json', '/properties/spec/properties/timeZone');
    const zones = [...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/GMT+5', 'America/Argentina/Buenos_Aires'];
    const refused = zones.filter((zone) => TimeZone.safeParse(zone).success && !schema(zone));
    expect(refused).toEqual([]);
    expect(schema('+02:00')).toBe(false);
  });

  it('TimeInterval', () => {
    const schema = fieldSchema('calendar.schema.json', '/properties/spec/properties/hours/properties/monday/items');
    const intervals = fc
      .tuple(fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 60 }))
      .map(([h1, m1, h2, m2]) => `${pad(h1, 2)}:${pad(m1, 2)}-${pad(h2, 2)}:${pad(m2, 2)}`);
    expectSchemaAcceptsWhatZodAccepts(TimeInterval, schema, fc.oneof(intervals, fc.string()));
  });
});

describe('the patterns added to the model', () => {
  // `.regex(…, { abort: true })` before the refine: a value the pattern refuses gets one issue, with the same message
  // the refine gives, so what users read does not depend on which of the two checks caught the mistake.
  it.each([
    [Instant, '2026-10-05 14:02', '2026-02-30T10:00:00Z'],
    [LocalDate, '25.12.2026', '2026-02-30'],
    [TimeZone, '+02:00', 'Mars/Olympus_Mons'],
  ] as const)('report one issue with one message, whichever check fails (%#)', (schema, failsPattern, failsRefine) => {
    const byPattern = schema.safeParse(failsPattern).error?.issues ?? [];
    const byRefine = schema.safeParse(failsRefine).error?.issues ?? [];
    expect(byPattern).toHaveLength(1);
    expect(byRefine).toHaveLength(1);
    expect(byPattern[0]?.message).toBe(byRefine[0]?.message);
  });
});
