import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { DefinitionChanges } from './changes.js';
import type { Impact } from './impact.js';
import type { TicketList } from './ticket-list.js';

/**
 * CONTRACT (issue #13): what `itsm diff` computes and its formatters print (src/report/diff/). Fields may be added;
 * none may be renamed or removed without the coordinator.
 */

/** One side of the comparison. */
export interface RevisionInfo {
  /** As the user named it ("HEAD", "origin/main", "working tree"). */
  name: string;
  /** The full commit hash; null for the working tree. */
  commit: string | null;
  /** The revision's problems (errors and warnings), so a revision that does not validate is still diffed. */
  diagnostics: Diagnostic[];
}

export interface DiffReport {
  base: RevisionInfo;
  head: RevisionInfo;
  changes: DefinitionChanges;
  /** Null when nothing that can move a figure changed, or when either side has errors that stop measuring. */
  impact: Impact | null;
  /**
   * Why `impact` is null (added by the g13-git part): no definition changed, so no figure can move; or a revision
   * has errors (see its diagnostics), so its figures would be wrong. Null when impact was measured.
   */
  impactSkipped: ImpactSkipped | null;
  /** The changed tickets one by one, only when asked for (`--tickets`; added by the g13-git part). */
  tickets?: TicketList;
}

export type ImpactSkipped = 'no-definition-change' | 'invalid-revision';
