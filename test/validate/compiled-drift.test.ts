import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validatorModuleCode } from '../../scripts/lib/validator-code.js';
import { Instant, Money } from '../../src/model/index.js';
import { validatorJsonSchema, validatorJsonSchemas } from '../../src/schemas/json-schema.js';
import { FAST_FORMATS } from '../../src/validate/fast-formats.js';

const COMPILED = new URL('../../src/validate/compiled/documents.ts', import.meta.url);
const FIX = 'run `npm run schemas` and commit src/validate/compiled/documents.ts';

describe('src/validate/compiled/documents.ts is generated from the zod model', () => {
  const generated = validatorModuleCode(validatorJsonSchemas(), FAST_FORMATS);

  it('is up to date', () => {
    const committed = readFileSync(COMPILED, 'utf8');
    expect(committed === generated, `src/validate/compiled/documents.ts is out of date with src/model; ${FIX}`).toBe(true);
  });

  it('is the same text on every run', () => {
    expect(validatorModuleCode(validatorJsonSchemas(), FAST_FORMATS)).toBe(generated);
  });

  it('imports nothing but its formats, so it runs where ajv is not installed', () => {
    const imports = generated.split('\n').filter((line) => /^\s*import\b|\brequire\s*\(/.test(line));
    expect(imports).toEqual(["import { FAST_FORMATS } from '../fast-formats.js';"]);
  });
});

describe('the schemas the validator is compiled from are as strict as zod', () => {
  it('carry a custom format wherever zod has a refinement', () => {
    expect(validatorJsonSchema(Instant)).toMatchObject({ type: 'string', format: 'instant' });
    expect(validatorJsonSchema(z.strictObject({ price: Money.optional() }))).toMatchObject({
      properties: { price: { type: ['number', 'string'], pattern: '^\\d+(?:\\.\\d{1,4})?$', format: 'money' } },
    });
  });

  it('refuse a refinement that has no stand-in, rather than let the fast path accept what zod refuses', () => {
    const odd = z.strictObject({ n: z.number().refine((n) => n % 2 === 1) });
    expect(() => validatorJsonSchema(odd)).toThrow(/refinement \(custom\) with no stand-in in VALIDATOR_FORMATS/);
    const lowered = z.string().transform((s) => s.toLowerCase());
    expect(() => validatorJsonSchema(lowered)).toThrow(/pipe/);
  });

  it('refuse a regex with flags, which a JSON Schema pattern would check without them', () => {
    expect(() => validatorJsonSchema(z.string().regex(/^abc$/i))).toThrow(/has flags/);
  });

  it('leave out titles and descriptions but keep fields named "description"', () => {
    const schema = validatorJsonSchema(z.strictObject({ description: z.string().meta({ description: 'Free text.' }) }).meta({ title: 'T' }));
    expect(schema).toEqual({ type: 'object', properties: { description: { type: 'string' } }, required: ['description'], additionalProperties: false });
  });
});
