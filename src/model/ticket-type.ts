import { z } from 'zod';

/** The ITIL practices whose records `itsm` measures. */
export const TicketType = z.enum(['incident', 'request', 'problem', 'change']);
export type TicketType = z.infer<typeof TicketType>;
