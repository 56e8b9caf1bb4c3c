import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateJsonSchemas } from '../../src/schemas/json-schema.js';

const SCHEMAS_DIR = new URL('../../schemas/', import.meta.url);
const FIX = 'run `npm run build && npm run schemas` and commit schemas/';

describe('schemas/ is generated from the zod model', () => {
  const generated = generateJsonSchemas();

  it.each([...generated.keys()])('schemas/%s is up to date', (name) => {
    let committed: string | undefined;
    try {
      committed = readFileSync(new URL(name, SCHEMAS_DIR), 'utf8');
    } catch {
      committed = undefined;
    }
    expect(committed, `schemas/${name} is missing; ${FIX}`).toBeDefined();
    expect(committed === generated.get(name), `schemas/${name} is out of date with src/model; ${FIX}`).toBe(true);
  });

  it('holds no schema that is not generated any more', () => {
    const stale = readdirSync(SCHEMAS_DIR).filter((name) => name.endsWith('.schema.json') && !generated.has(name));
    expect(stale, `stale files in schemas/; ${FIX}`).toEqual([]);
  });

  it('is the same text on every run', () => {
    expect([...generateJsonSchemas()]).toEqual([...generated]);
  });

  it('writes one schema per kind and one for any kind', () => {
    expect([...generated.keys()]).toEqual([
      'itsm.schema.json',
      'config.schema.json',
      'calendar.schema.json',
      'service.schema.json',
      'sla.schema.json',
      'consumer.schema.json',
      'group.schema.json',
      'ticket.schema.json',
      'usage.schema.json',
      'changetemplate.schema.json',
      'article.schema.json',
      'improvement.schema.json',
    ]);
    const service = JSON.parse(generated.get('service.schema.json')!) as Record<string, unknown>;
    expect(Object.keys(service).slice(0, 4)).toEqual(['$schema', '$id', 'title', 'description']);
    expect(service.$id).toBe('https://itsm.dev/schemas/v1/service.schema.json');
    expect(service.$schema).toBe('http://json-schema.org/draft-07/schema#');
    for (const text of generated.values()) expect(text.endsWith('}\n')).toBe(true);
  });
});
