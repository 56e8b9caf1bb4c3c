import {
  BackstageComponentSpec,
  ITSM_GENERATED_ANNOTATION,
  ITSM_SERVICE_ANNOTATION,
  type BackstageEntity,
} from '../model/backstage.js';
import type { Entity } from '../model/repository.js';
import type { Lifecycle, WrittenServiceDocument } from '../model/service.js';

/**
 * How a Backstage Component beside the itsm documents completes the Service it describes (docs/catalog.md, "Backstage
 * Components beside the services"). Pure: plain data in, plain data out.
 *
 * The link: a Component names its service with the annotation `itsm/service: <service id>` (Backstage's convention for
 * tools outside it, as `pagerduty.com/service-id` or `sonarqube.org/project-key` name their object on the Component);
 * without the annotation, a Component of the default namespace whose `metadata.name` is a service's id describes that
 * service. A Component written by `itsm catalog export` (annotation `itsm/generated-by`) is a copy of its service and
 * gives it nothing back. The precedence: what the Service says wins; each of owner, description, lifecycle and
 * dependsOn that it leaves out is taken from the Component.
 */

/** Backstage's reference to an entity, `[kind:][namespace/]name`, with the kind in lower case. */
export interface EntityRef {
  kind: string;
  namespace: string;
  name: string;
}

/** Parses an entity reference as Backstage does (parseEntityRef), with the kind given when the reference has none. */
export function parseEntityRef(ref: string, defaultKind: string): EntityRef {
  const colon = ref.indexOf(':');
  const kind = colon >= 0 ? ref.slice(0, colon) : defaultKind;
  const rest = colon >= 0 ? ref.slice(colon + 1) : ref;
  const slash = rest.indexOf('/');
  return {
    kind: kind.toLowerCase(),
    namespace: slash >= 0 ? rest.slice(0, slash) : 'default',
    name: slash >= 0 ? rest.slice(slash + 1) : rest,
  };
}

/** Backstage compares references without regard to case (the catalog's entity refs are case-insensitive). */
function refKey(kind: string, namespace: string, name: string): string {
  return `${kind.toLowerCase()}:${namespace.toLowerCase()}/${name.toLowerCase()}`;
}

function keyOf(entity: BackstageEntity): string {
  return refKey(entity.kind, entity.metadata.namespace ?? 'default', entity.metadata.name);
}

/** The entity of the repository that a reference names, if the repository holds it. */
export function entityOf(ref: string, defaultKind: string, links: BackstageLinks): Entity<BackstageEntity> | undefined {
  const parsed = parseEntityRef(ref, defaultKind);
  return links.entities.get(refKey(parsed.kind, parsed.namespace, parsed.name));
}

/** A Component and the service it describes. */
export interface ComponentLink {
  component: Entity<BackstageEntity>;
  /** The service id it names: by its annotation, or by its name. */
  service: string;
  by: 'annotation' | 'name';
}

/** The Backstage entities of a repository, indexed, and which Component describes which service. */
export interface BackstageLinks {
  /** Every entity by its reference key (the first of duplicates). */
  entities: ReadonlyMap<string, Entity<BackstageEntity>>;
  /** Every Component that names a service by its annotation, whether that service exists or not, in file order. */
  annotated: readonly ComponentLink[];
  /** The Component that describes each service (the first that names it by annotation, else the one of its name). */
  byService: ReadonlyMap<string, ComponentLink>;
}

/** Whether a Component was written by `itsm catalog export`: a copy of its service, not a source for it. */
export function isGenerated(entity: BackstageEntity): boolean {
  return entity.metadata.annotations?.[ITSM_GENERATED_ANNOTATION] !== undefined;
}

/** Finds which Component describes which of `serviceIds`. */
export function linkComponents(serviceIds: ReadonlySet<string>, backstage: readonly Entity<BackstageEntity>[]): BackstageLinks {
  const entities = new Map<string, Entity<BackstageEntity>>();
  for (const entity of backstage) if (!entities.has(keyOf(entity.doc))) entities.set(keyOf(entity.doc), entity);
  const components = backstage.filter((e) => e.doc.kind === 'Component' && !isGenerated(e.doc));
  const annotated: ComponentLink[] = [];
  const byService = new Map<string, ComponentLink>();
  for (const component of components) {
    const service = component.doc.metadata.annotations?.[ITSM_SERVICE_ANNOTATION];
    if (service === undefined) continue;
    const link: ComponentLink = { component, service, by: 'annotation' };
    annotated.push(link);
    if (serviceIds.has(service) && !byService.has(service)) byService.set(service, link);
  }
  for (const component of components) {
    const { name, namespace, annotations } = component.doc.metadata;
    if (annotations?.[ITSM_SERVICE_ANNOTATION] !== undefined || (namespace ?? 'default') !== 'default') continue;
    if (serviceIds.has(name) && !byService.has(name)) byService.set(name, { component, service: name, by: 'name' });
  }
  return { entities, annotated, byService };
}

/** What a Component's dependency names: a service, or nothing itsm knows (a Component of no service, a missing one). */
export type DependencyTarget = { service: string } | { unknown: string };

/**
 * The service a Component's `dependsOn` entry stands for: the service of the Component it names (a Component of the
 * repository linked to a service, else a service whose id is the Component's name). Undefined for other kinds
 * (`resource:db`, `api:x`): those are Backstage's, not services.
 */
export function dependencyTarget(ref: string, links: BackstageLinks, serviceIds: ReadonlySet<string>): DependencyTarget | undefined {
  const parsed = parseEntityRef(ref, 'component');
  if (parsed.kind !== 'component') return undefined;
  const entity = entityOf(ref, 'component', links);
  if (entity !== undefined) {
    for (const link of links.byService.values()) if (link.component === entity) return { service: link.service };
  }
  if (parsed.namespace === 'default' && serviceIds.has(parsed.name)) return { service: parsed.name };
  return { unknown: ref };
}

/** Backstage's well-known lifecycles, read back as itsm's (the inverse of the export's BACKSTAGE_LIFECYCLE). */
const LIFECYCLE_OF: Readonly<Record<string, Lifecycle>> = { experimental: 'pipeline', production: 'live', deprecated: 'retired' };

/**
 * The owner a Component names, as itsm writes owners (a team's name): the display name of its Group or User when the
 * repository holds that entity (what the export writes), else the name in the reference.
 */
function ownerName(ref: string, links: BackstageLinks): string {
  const entity = entityOf(ref, 'group', links)?.doc;
  const profile = (entity?.spec as { profile?: { displayName?: unknown } } | undefined)?.profile;
  if (typeof profile?.displayName === 'string' && profile.displayName !== '') return profile.displayName;
  return entity?.metadata.title ?? parseEntityRef(ref, 'group').name;
}

/** A Service completed from its Component, and the fields it still lacks (then it is reported and left out). */
export interface CompletedService {
  service: Entity<WrittenServiceDocument>;
  doc: WrittenServiceDocument;
  /** `description` and/or `lifecycle`, when neither the Service nor its Component gives them. */
  missing: ('description' | 'lifecycle')[];
  /** The Component it was completed from, if any. */
  from?: Entity<BackstageEntity>;
}

/** Completes each Service from the Component that describes it. */
export function completeServices(
  services: readonly Entity<WrittenServiceDocument>[],
  backstage: readonly Entity<BackstageEntity>[],
): CompletedService[] {
  const serviceIds = new Set(services.map((s) => s.doc.metadata.id));
  const links = linkComponents(serviceIds, backstage);
  return services.map((service) => {
    const link = links.byService.get(service.doc.metadata.id);
    const parsed = link === undefined ? undefined : BackstageComponentSpec.safeParse(link.component.doc.spec);
    const spec = { ...service.doc.spec };
    if (link !== undefined && parsed?.success === true) {
      const component = parsed.data;
      if (spec.owner === undefined) spec.owner = ownerName(component.owner, links);
      const description = link.component.doc.metadata.description;
      if (spec.description === undefined && description !== undefined && description !== '') spec.description = description;
      const lifecycle = LIFECYCLE_OF[component.lifecycle];
      if (spec.lifecycle === undefined && lifecycle !== undefined) spec.lifecycle = lifecycle;
      if (spec.dependsOn === undefined && component.dependsOn !== undefined) {
        // Dependencies on anything but a known service are the backstage-link rule's to report, at the Component.
        const ids = component.dependsOn.flatMap((ref) => {
          const target = dependencyTarget(ref, links, serviceIds);
          return target !== undefined && 'service' in target ? [target.service] : [];
        });
        if (ids.length > 0) spec.dependsOn = [...new Set(ids)];
      }
    }
    const missing = (['description', 'lifecycle'] as const).filter((field) => spec[field] === undefined);
    const completed: CompletedService = { service, doc: { ...service.doc, spec }, missing };
    if (link !== undefined) completed.from = link.component;
    return completed;
  });
}
