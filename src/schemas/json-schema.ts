import { z } from 'zod';
import { API_VERSION, Duration, Instant, KIND_SCHEMAS, KINDS, LocalDate, Money, TimelineEvent, TimeZone, type Kind } from '../model/index.js';

/**
 * JSON Schemas generated from the zod schemas of the model, for editors (the YAML language server behind VS Code's
 * YAML extension, JetBrains IDEs) and for other tools. The zod schemas stay the single source of truth: the files in
 * `schemas/` are written by `npm run schemas` and a test fails when they drift, as Changesets does for its config.
 *
 * Target: JSON Schema draft-07, not 2020-12: the YAML language server validates with draft-07 and reports newer
 * dialects as "not yet fully supported" (redhat-developer/yaml-language-server#856, vscode-yaml#726).
 *
 * What JSON Schema cannot say is left to `itsm validate`: real calendar dates and time zones, references between
 * documents, the event/status rules. The patterns of the string primitives still catch most typos as you type.
 */

export const SCHEMA_BASE_URI = 'https://itsm.dev/schemas/v1/';
export const JSON_SCHEMA_DIALECT = 'http://json-schema.org/draft-07/schema#';

/** The schema that accepts a document of any kind: the one to point an editor at. */
export const ITSM_SCHEMA_FILE = 'itsm.schema.json';

type JsonSchema = Record<string, unknown>;

/** Shown by editors as the title and hover text of a whole document. */
const KIND_DESCRIPTIONS: Record<Kind, string> = {
  Config: 'Repository settings: currency, default time zone, priorities and statuses. One per repository, in itsm.yaml.',
  Calendar: 'Working hours, holidays and special days in one time zone; SLA clocks and support hours run on calendars.',
  Service: 'A service in the catalogue: owner, support hours, agreements, offerings, pricing and costs.',
  SLA: 'An agreement (SLA, OLA or SLO): response and resolution targets per ticket type and priority, availability and credits.',
  Consumer: 'A consumer of services (a department or customer): cost centre, headcount and subscriptions.',
  Group: 'An assignment group (a team): calendar, parent group, manager and members; tickets are assigned to groups and OLAs can be scoped to one.',
  Ticket: 'An incident, request, problem or change and its timeline, measured against the agreements of its service.',
  Usage: 'Metered usage records for consumption-based charging.',
  ChangeTemplate: 'A standard change model: the services, highest risk, plans and longest window of pre-approved changes.',
  Article: 'A knowledge article: the front matter of a Markdown file (title, services, problems, audience, owner, review date).',
  Improvement: 'An entry of the continual improvement register: the review figure to move, for a service or the organisation, its baseline, target, owner and due date.',
};

/**
 * What JSON Schema can say about a few zod refinements that zod itself must keep checking in code. These are not
 * `.regex()` checks in the model because there they would change zod's messages (a regex on one branch of Money's
 * union turns its message into a union error; Duration's message depends on the value). Each pattern accepts at
 * least everything zod accepts — test/schemas checks that — so an editor never flags a valid document.
 */
export const DURATION_PATTERN = '^(?:\\d+bd|\\d+h(?:\\d+m)?|\\d+m|PT(?:\\d+H(?:\\d+M)?|\\d+M))$';
export const MONEY_PATTERN = '^\\d+(?:\\.\\d{1,4})?$';

const JSON_SCHEMA_EXTRAS = new Map<z.core.$ZodType, (json: JsonSchema) => void>([
  [Duration, (json) => putFirst(json, { type: 'string', pattern: DURATION_PATTERN })],
  [
    Money,
    (json) => {
      // `{anyOf: [number, string]}` becomes one type list: `minimum` then applies to numbers only, `pattern` to strings.
      delete json.anyOf;
      putFirst(json, { type: ['number', 'string'], minimum: 0, pattern: MONEY_PATTERN });
    },
  ],
  [
    TimelineEvent,
    (json) => Object.assign(json, { anyOf: [{ required: ['status'] }, { required: ['priority'] }, { required: ['group'] }, { required: ['assignee'] }, { required: ['note'] }] }),
  ],
]);

/**
 * The schemas the compiled validator (src/validate/compiled/documents.ts) is generated from must be at least as
 * strict as zod, because a document they accept skips zod. Every zod refinement therefore needs its stand-in here:
 * a custom format whose function is the one the refinement calls (src/validate/fast-formats.ts), or `null` when
 * JSON_SCHEMA_EXTRAS already says the same thing. `validatorJsonSchemas` throws on a refinement that has none, so a
 * new `.refine` cannot make the fast path accept what zod refuses.
 */
const VALIDATOR_FORMATS = new Map<z.core.$ZodType, JsonSchema | null>([
  [Instant, { format: 'instant' }],
  [LocalDate, { format: 'local-date' }],
  [TimeZone, { format: 'time-zone' }],
  [Duration, { format: 'duration' }],
  // Strings are matched by MONEY_PATTERN, the regex of isMoney; the format (for numbers only) calls isMoney.
  [Money, { format: 'money' }],
  // "At least one of status, priority, group, assignee, note": the extra's anyOf of `required`, which is the same
  // test on parsed YAML, where a key is never present with the value undefined.
  [TimelineEvent, null],
]);

/**
 * The stand-ins by refinement: a refinement is one check object, shared by every clone of the schema it was added to
 * (`.meta()`, `.optional()`'s inner schema), so it is found wherever zod's JSON Schema walk meets it.
 */
const STAND_INS = new Map<z.core.$ZodCheck, JsonSchema | null>(
  [...VALIDATOR_FORMATS].flatMap(([schema, stand]) => refinements(schema).map((check) => [check, stand] as const)),
);

function refinements(schema: z.core.$ZodType): z.core.$ZodCheck[] {
  return (schema._zod.def.checks ?? []).filter((check) => ['custom', 'overwrite'].includes(check._zod.def.check));
}

/**
 * The extra for a schema or for what it was cloned from: `Duration.meta({ description })` is a clone whose JSON
 * Schema zod rebuilds from scratch, so it needs the pattern again.
 */
function extraFor(schema: z.core.$ZodType): ((json: JsonSchema) => void) | undefined {
  for (let s: z.core.$ZodType | undefined = schema; s !== undefined; s = s._zod.parent) {
    const extra = JSON_SCHEMA_EXTRAS.get(s);
    if (extra !== undefined) return extra;
  }
  return undefined;
}

/** Adds to the JSON Schema of a zod schema the stand-in of each of its refinements (see VALIDATOR_FORMATS). */
function strengthen(schema: z.core.$ZodType, json: JsonSchema): void {
  if (schema._zod.def.type === 'pipe' || schema._zod.def.type === 'transform') {
    // The input's JSON Schema describes only the left side of a pipe; what comes after (a transform) may refuse more.
    throw new Error(`a zod ${schema._zod.def.type} checks what JSON Schema cannot state: the compiled validator would accept what zod refuses`);
  }
  for (const check of schema._zod.def.checks ?? []) {
    const pattern = (check._zod.def as { pattern?: unknown }).pattern;
    if (pattern instanceof RegExp && pattern.flags !== '') {
      // A JSON Schema pattern keeps the source, not the flags: /x/i would be checked case-sensitively.
      throw new Error(`the regex /${pattern.source}/${pattern.flags} has flags, which a JSON Schema pattern cannot carry`);
    }
  }
  for (const check of refinements(schema)) {
    const stand = STAND_INS.get(check);
    if (stand === undefined) {
      throw new Error(
        `a zod ${schema._zod.def.type} schema has a refinement (${check._zod.def.check}) with no stand-in in VALIDATOR_FORMATS: ` +
          'the compiled validator would accept what zod refuses; add a custom format for it (src/validate/fast-formats.ts)',
      );
    }
    if (stand !== null) Object.assign(json, stand);
  }
}

/** Sets keys at the front of a schema, so that `type` and `pattern` read before the description. */
function putFirst(json: JsonSchema, first: JsonSchema): void {
  const rest = { ...json };
  for (const key of Object.keys(json)) delete json[key];
  Object.assign(json, first, rest, first);
}

export function schemaFileName(kind: Kind): string {
  return `${kind.toLowerCase()}.schema.json`;
}

export function schemaUri(fileName: string): string {
  return SCHEMA_BASE_URI + fileName;
}

/**
 * The body of one kind's schema, without `$schema` and `$id`. For the validator, the refinements become formats (see
 * VALIDATOR_FORMATS); the files in schemas/ carry none, because editors do not know these formats.
 */
function kindBody(kind: Kind, forValidator = false): JsonSchema {
  return { title: `itsm ${kind}`, description: KIND_DESCRIPTIONS[kind], ...toJsonSchema(KIND_SCHEMAS[kind], forValidator) };
}

function toJsonSchema(schema: z.core.$ZodType, forValidator: boolean): JsonSchema {
  const { $schema: _dialect, ...body } = z.toJSONSchema(schema, {
    target: 'draft-07',
    // What a user writes, which is what an editor checks.
    io: 'input',
    // Fail the build rather than silently emit `{}` if a schema that JSON Schema cannot express creeps in.
    unrepresentable: 'throw',
    // Inline repeated sub-schemas: draft-07 ignores keywords next to `$ref`, which would drop field descriptions.
    reused: 'inline',
    override: ({ zodSchema, jsonSchema }) => {
      extraFor(zodSchema)?.(jsonSchema as JsonSchema);
      if (forValidator) strengthen(zodSchema, jsonSchema as JsonSchema);
    },
  }) as JsonSchema;
  return body;
}

/**
 * The schema of each kind that the compiled validator is generated from (scripts/generate-validator.js): the schema
 * of schemas/, plus a custom format for each zod refinement. Not written to schemas/.
 */
export function validatorJsonSchemas(): Record<Kind, JsonSchema> {
  const schemas = {} as Record<Kind, JsonSchema>;
  for (const kind of KINDS) schemas[kind] = validatorJsonSchema(KIND_SCHEMAS[kind]);
  return schemas;
}

/** The validator's schema of any zod schema of the model; throws on a refinement it has no stand-in for. */
export function validatorJsonSchema(schema: z.core.$ZodType): JsonSchema {
  return withoutAnnotations(toJsonSchema(schema, true)) as JsonSchema;
}

/**
 * A schema without `title` and `description`, which check nothing; the generated code embeds each schema, so they
 * would only make it larger. The names of `properties` are data, not keywords, and are kept.
 */
function withoutAnnotations(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutAnnotations);
  if (typeof node !== 'object' || node === null) return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'title' || key === 'description') continue;
    out[key] = key === 'properties' ? Object.fromEntries(Object.entries(value as JsonSchema).map(([name, s]) => [name, withoutAnnotations(s)])) : withoutAnnotations(value);
  }
  return out;
}

/** The standalone schema of one kind, e.g. for `yaml.schemas` globs such as `services/*.yaml`. */
export function kindJsonSchema(kind: Kind): JsonSchema {
  return { $schema: JSON_SCHEMA_DIALECT, $id: schemaUri(schemaFileName(kind)), ...kindBody(kind) };
}

/**
 * A schema for any itsm document. `kind` picks the branch with `if`/`then` rather than `oneOf`: with `oneOf` a
 * validator reports the errors of every kind that did not match, whereas here a Ticket with a typo gets only the
 * Ticket errors, and an unknown `kind` gets one error listing the kinds.
 */
export function itsmJsonSchema(): JsonSchema {
  const definitions: Record<string, JsonSchema> = {};
  for (const kind of KINDS) definitions[kind] = kindBody(kind);
  return {
    $schema: JSON_SCHEMA_DIALECT,
    $id: schemaUri(ITSM_SCHEMA_FILE),
    title: 'itsm document',
    description: `A document of an itsm repository: apiVersion ${API_VERSION}, a kind (${KINDS.join(', ')}), metadata and spec.`,
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
    properties: {
      apiVersion: { description: `Always "${API_VERSION}".`, type: 'string', const: API_VERSION },
      kind: { description: 'What the document describes; selects the schema of the rest.', type: 'string', enum: [...KINDS] },
    },
    allOf: KINDS.map((kind) => ({
      if: { properties: { kind: { const: kind } }, required: ['kind'] },
      then: { $ref: `#/definitions/${kind}` },
    })),
    definitions,
  };
}

/**
 * Every schema file, by its name in `schemas/`, as the exact text to write: 2-space indent and a trailing newline.
 * Keys keep the order of the zod declarations, so the output is the same on every run and reads in document order.
 */
export function generateJsonSchemas(): Map<string, string> {
  const files = new Map<string, string>();
  files.set(ITSM_SCHEMA_FILE, toText(itsmJsonSchema()));
  for (const kind of KINDS) files.set(schemaFileName(kind), toText(kindJsonSchema(kind)));
  return files;
}

function toText(schema: JsonSchema): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
