/** The ITIL practices whose records `itsm` measures; zod-free, for the report and the filters (see duration-text.ts). */
export const TICKET_TYPES = ['incident', 'request', 'problem', 'change'] as const;
