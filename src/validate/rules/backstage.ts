import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { BackstageComponentSpec, ITSM_SERVICE_ANNOTATION } from '../../model/backstage.js';
import { dependencyTarget, entityOf, linkComponents } from '../backstage.js';
import { didYouMean, diagnosticAt, rejectedKey, relatedAt, type Rule } from '../context.js';

const LINK_DOC = 'docs/catalog.md#backstage-components-beside-the-services';

/**
 * A Backstage Component whose `itsm/service` annotation names a service that does not exist, or a service that a
 * Component already describes: the link is what completes the Service (src/validate/backstage.ts), so a typo in it
 * would silently take nothing.
 */
export const backstageLink: Rule = {
  id: 'backstage-link',
  description: 'A Backstage Component whose itsm/service annotation names a service that does not exist, or one that another Component already describes.',
  check({ repository, services, rejected }) {
    const diagnostics: Diagnostic[] = [];
    const ids = new Set(services.keys());
    const links = linkComponents(ids, repository.backstage);
    const path = ['metadata', 'annotations', ITSM_SERVICE_ANNOTATION];
    for (const link of links.annotated) {
      const name = link.component.doc.metadata.name;
      if (!ids.has(link.service)) {
        if (rejected.has(rejectedKey('Service', link.service))) continue;
        const guess = didYouMean(link.service, ids);
        diagnostics.push(
          diagnosticAt(link.component.source, path, 'backstage-link', 'error', `Backstage Component "${name}" names the service "${link.service}", which does not exist`, {
            hint: guess ?? `give the id of an itsm Service (${LINK_DOC})`,
          }),
        );
        continue;
      }
      const first = links.byService.get(link.service);
      if (first !== undefined && first.component !== link.component) {
        diagnostics.push(
          diagnosticAt(link.component.source, path, 'backstage-link', 'error', `service "${link.service}" is already described by the Backstage Component "${first.component.doc.metadata.name}"`, {
            hint: 'one Component describes a service: remove the annotation from one of them',
            related: [relatedAt(first.component.source, path, 'the first Component that names it is here')],
          }),
        );
      }
    }
    return diagnostics;
  },
};

/**
 * A dependency of a Component that describes a service, which is neither a service nor a Component of the repository.
 * A warning: a Backstage catalog often spans repositories, but the service's `dependsOn`, taken from the Component,
 * then leaves it out, and so does every impact that follows dependencies.
 */
export const backstageDependency: Rule = {
  id: 'backstage-dependency',
  description: 'A dependency of a Backstage Component that describes a service, which is neither a service nor a Component of this repository (warning).',
  check({ repository, services }) {
    const diagnostics: Diagnostic[] = [];
    const ids = new Set(services.keys());
    const links = linkComponents(ids, repository.backstage);
    for (const link of links.byService.values()) {
      const spec = BackstageComponentSpec.safeParse(link.component.doc.spec);
      if (!spec.success) continue;
      (spec.data.dependsOn ?? []).forEach((ref, i) => {
        const target = dependencyTarget(ref, links, ids);
        if (target === undefined || 'service' in target) return;
        // A Component of this repository that describes no service (a library, a website) is Backstage's business.
        if (entityOf(ref, 'component', links) !== undefined) return;
        diagnostics.push(
          diagnosticAt(
            link.component.source,
            ['spec', 'dependsOn', i],
            'backstage-dependency',
            'warning',
            `Backstage Component "${link.component.doc.metadata.name}" (service "${link.service}") depends on "${ref}", which is neither a service nor a Component of this repository`,
            { hint: `name an itsm service, or keep the Component it names beside it (${LINK_DOC})` },
          ),
        );
      });
    }
    return diagnostics;
  },
};
