import { z } from 'zod';
import { TICKET_TYPES } from './ticket-types.js';

/** The ITIL practices whose records `itsm` measures. */
export const TicketType = z.enum(TICKET_TYPES);
export type TicketType = z.infer<typeof TicketType>;
