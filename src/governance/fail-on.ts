/**
 * The conditions `itsm diff --fail-on` accepts, each documented in docs/governance.md ("The gate"). A module of its
 * own, free of imports, because the command line reads it at start-up to check the option, and the gate's checks
 * (gate.ts) pull in the validation rules and with them the schemas.
 */
export const FAIL_ON = ['compliance-drop', 'new-breach', 'rewrite-past', 'retired-dependency', 'broken-reference', 'invalid'] as const;
export type FailOn = (typeof FAIL_ON)[number];
