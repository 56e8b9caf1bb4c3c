import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { exportOpenSlo, openSloYaml } from '../../src/export/openslo.js';
import { openRepository } from '../../src/open-repository.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { describeErrors, loadDocuments } from '../schemas/helpers.js';

// The real consumer of `itsm export openslo`: the OpenSLO v1 JSON Schema, as published in the specification's
// repository (test/fixtures/openslo/schema/README.md says from where and under which licence).

const SCHEMA_DIR = join(REPO_ROOT, 'test', 'fixtures', 'openslo', 'schema');

function openSloValidator(): ValidateFunction {
  // The published files are draft-07 and use keywords Ajv's strict mode flags (additionalItems without items): they are
  // read as published, not linted.
  const ajv = new Ajv({ strict: false, allErrors: true });
  for (const file of readdirSync(join(SCHEMA_DIR, 'parts'))) ajv.addSchema(JSON.parse(readFileSync(join(SCHEMA_DIR, 'parts', file), 'utf8')) as object);
  return ajv.compile(JSON.parse(readFileSync(join(SCHEMA_DIR, 'openslo.schema.json'), 'utf8')) as object);
}

describe('OpenSLO export of examples/acme against the OpenSLO v1 JSON Schema', () => {
  const opened = openRepository(join(REPO_ROOT, 'examples', 'acme'));
  const { documents, warnings } = exportOpenSlo(opened.repository);
  const validate = openSloValidator();

  it('writes every document in a form the schema accepts, read back from the YAML text', () => {
    const parsed = loadDocuments(openSloYaml(documents));
    expect(parsed).toHaveLength(documents.length);
    const failures = parsed.flatMap((doc, i) => (validate(doc) ? [] : [`document ${i} (${(doc as { metadata: { name: string } }).metadata.name}):\n${describeErrors(validate.errors)}`]));
    expect(failures).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('has a Service for each of the 18 services and SLOs of both budgeting methods', () => {
    expect(documents.filter((d) => d.kind === 'Service')).toHaveLength(18);
    const methods = new Set(documents.flatMap((d) => (d.kind === 'SLO' ? [d.spec.budgetingMethod] : [])));
    expect([...methods].sort()).toEqual(['Occurrences', 'Timeslices']);
  });

  it('is not accepted when it breaks the schema (the check can fail)', () => {
    const slo = documents.find((d) => d.kind === 'SLO')!;
    expect(validate({ ...slo, spec: { ...slo.spec, objectives: [{ target: 1 }] } })).toBe(false);
    expect(validate({ ...slo, metadata: { ...slo.metadata, name: 'Upper_Case' } })).toBe(false);
  });
});
