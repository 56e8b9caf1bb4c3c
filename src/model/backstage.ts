import { z } from 'zod';

/**
 * Backstage software-catalog entities (https://backstage.io/docs/features/software-catalog/descriptor-format) that a
 * repository keeps beside its itsm documents, usually as `catalog-info.yaml`. They are not itsm documents: itsm reads
 * them so that they are not reported as errors, and so that a Service can take what it leaves out from the Component
 * that names it (src/validate/backstage.ts). Only what itsm reads is checked closely; every other field is Backstage's
 * business, so the objects stay open (Backstage's own schemas allow further fields too).
 */

/** `backstage.io/v1alpha1`, `backstage.io/v1beta1`, and the kinds of plugins such as `scaffolder.backstage.io/v1beta3`. */
const BACKSTAGE_API_VERSION = /^(?:[a-z0-9-]+\.)*backstage\.io\/v[1-9][0-9]*(?:(?:alpha|beta)[1-9][0-9]*)?$/;

/** Whether a document's `apiVersion` is Backstage's: such a document is read as a Backstage entity, not an itsm one. */
export function isBackstageApiVersion(value: unknown): boolean {
  return typeof value === 'string' && BACKSTAGE_API_VERSION.test(value);
}

/** The kinds of Backstage's catalog model (packages/catalog-model/src/kinds, and the scaffolder's Template). */
export const BACKSTAGE_KINDS = ['Component', 'System', 'Resource', 'API', 'Group', 'User', 'Domain', 'Location', 'Template'] as const;

/** Backstage's rule for names (KubernetesValidatorFunctions.isValidObjectName). */
const BackstageName = z
  .string()
  .max(63)
  .regex(/^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/, 'expected 1-63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit');

/** Backstage's rule for namespaces (KubernetesValidatorFunctions.isValidNamespace: a DNS label). */
const BackstageNamespace = z.string().max(63).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a DNS label: lower-case letters, digits and "-"');

/** An entity reference as Backstage writes it: `[kind:][namespace/]name`. */
const EntityRef = z.string().min(1);

export const BackstageMetadata = z.looseObject({
  name: BackstageName,
  namespace: BackstageNamespace.optional(),
  title: z.string().min(1).optional(),
  description: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
  tags: z.array(z.string()).optional(),
});

export const BackstageEntity = z.looseObject({
  apiVersion: z.string().regex(BACKSTAGE_API_VERSION),
  kind: z.enum(BACKSTAGE_KINDS),
  metadata: BackstageMetadata,
  spec: z.looseObject({}).optional(),
});
export type BackstageEntity = z.infer<typeof BackstageEntity>;

/** What itsm reads of a Component's spec (Component.v1alpha1.schema.json: type, lifecycle and owner are required). */
export const BackstageComponentSpec = z.looseObject({
  type: z.string().min(1),
  lifecycle: z.string().min(1),
  owner: EntityRef,
  system: EntityRef.optional(),
  dependsOn: z.array(EntityRef).optional(),
});
export type BackstageComponentSpec = z.infer<typeof BackstageComponentSpec>;

/** The annotation by which a Component names the itsm service it describes (written by `catalog export --format backstage`). */
export const ITSM_SERVICE_ANNOTATION = 'itsm/service';

/**
 * The annotation on the entities that `catalog export --format backstage` writes: such a Component is a copy of its
 * service, so it gives the service nothing back (reading it would only return what the export filled in).
 */
export const ITSM_GENERATED_ANNOTATION = 'itsm/generated-by';
