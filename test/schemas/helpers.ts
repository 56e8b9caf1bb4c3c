import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import jsYaml from 'js-yaml';
import { generateJsonSchemas, ITSM_SCHEMA_FILE, schemaUri } from '../../src/schemas/json-schema.js';
import { isKind, KIND_SCHEMAS } from '../../src/model/index.js';

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module object.
const addFormats = addFormatsModule.default;

/** Ajv in strict mode, as editors and CI tools would load the files in schemas/ (draft-07 is Ajv's default). */
export function createAjv(): Ajv {
  // strictRequired is off because `anyOf: [{ required: [a] }, { required: [b] }]` ("at least one of these keys") is
  // standard JSON Schema that this lint does not recognise; every other strict check stays on.
  const ajv = new Ajv({ strict: true, strictRequired: false, allErrors: true, allowUnionTypes: true });
  addFormats(ajv);
  for (const text of generateJsonSchemas().values()) ajv.addSchema(JSON.parse(text) as object);
  return ajv;
}

export function validatorFor(ajv: Ajv, fileName = ITSM_SCHEMA_FILE): ValidateFunction {
  const validate = ajv.getSchema(schemaUri(fileName));
  if (validate === undefined) throw new Error(`no schema ${fileName}`);
  return validate;
}

/** Parses YAML the way the loader does on its fast path: every document, YAML 1.2 core schema (dates stay strings). */
export function loadDocuments(text: string): unknown[] {
  const values: unknown[] = [];
  jsYaml.loadAll(text, (value) => values.push(value), { schema: jsYaml.CORE_SCHEMA });
  return values.filter((value) => value !== null && value !== undefined);
}

export function zodAccepts(document: unknown): boolean {
  const kind = (document as { kind?: unknown } | null)?.kind;
  return isKind(kind) && KIND_SCHEMAS[kind].safeParse(document).success;
}

export function describeErrors(errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`).join('\n');
}
