import { z } from 'zod';
import { Id } from './primitives.js';

/** The envelope shared with Kubernetes, Backstage and OpenSLO: apiVersion, kind, metadata, spec. */
export const API_VERSION = 'itsm/v1';

export const Metadata = z.strictObject({
  id: Id.meta({ description: 'The id that other documents use to refer to this one: letters, digits, ".", "_" or "-".' }),
  name: z.string().min(1).optional().meta({ description: 'A human-readable name; the id is shown when there is none.' }),
  labels: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});
export type Metadata = z.infer<typeof Metadata>;

export const ApiVersion = z.literal(API_VERSION, { message: `expected apiVersion "${API_VERSION}"` });

/** Builds the schema of one kind from its spec schema. */
export function envelope<K extends string, S extends z.ZodType>(kind: K, spec: S) {
  return z.strictObject({
    apiVersion: ApiVersion,
    kind: z.literal(kind),
    metadata: Metadata,
    spec,
  });
}
