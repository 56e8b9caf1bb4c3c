import { z } from 'zod';
import { envelope } from './envelope.js';
import { ChangeRisk } from './change.js';
import { Duration, Id } from './primitives.js';

/** A standard change model: a low-risk change pre-approved once, so that each change following it needs no CAB. */
export const ChangeTemplateSpec = z.strictObject({
  description: z.string().optional(),
  services: z.array(Id).min(1).meta({ description: 'Ids of the services a change following the template may affect.' }),
  risk: ChangeRisk.meta({ description: 'The highest risk a change following the template may have.' }),
  implementation: z.string().min(1).meta({ description: 'The pre-approved implementation plan.' }),
  backout: z.string().min(1).meta({ description: 'The pre-approved back-out plan.' }),
  maxDuration: Duration.optional().meta({ description: 'The longest planned window a change following the template may have, e.g. "2h".' }),
});
export type ChangeTemplateSpec = z.infer<typeof ChangeTemplateSpec>;

export const ChangeTemplateDocument = envelope('ChangeTemplate', ChangeTemplateSpec);
export type ChangeTemplateDocument = z.infer<typeof ChangeTemplateDocument>;
