import { z } from 'zod';
import { envelope } from './envelope.js';
import { Email, Id } from './primitives.js';

/** A member of an assignment group: the name that tickets use as `assignee`. */
export const GroupMember = z.strictObject({
  name: z.string().min(1).meta({ description: 'The name tickets use as assignee.' }),
  email: Email.optional(),
});

/** An assignment group (a team): tickets are assigned to groups in turn, and an OLA can be scoped to one. */
export const GroupSpec = z.strictObject({
  description: z.string().optional(),
  /** The team's working hours: the calendar of OLAs scoped to it that name none. */
  calendar: Id.optional().meta({ description: 'Id of the team’s calendar; agreements scoped to the group run on it unless they name one (default 24x7).' }),
  /** The group this one belongs to (a team within a department). */
  parent: Id.optional().meta({ description: 'Id of the group this one belongs to.' }),
  manager: z.string().min(1).optional(),
  members: z.array(GroupMember).optional(),
});
export type GroupSpec = z.infer<typeof GroupSpec>;

export const GroupDocument = envelope('Group', GroupSpec);
export type GroupDocument = z.infer<typeof GroupDocument>;
