import { z } from 'zod';
import { isoDateTime, roleSchema } from '../../platform/schemas.ts';

export const member = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  roles: z.array(roleSchema),
  disabled: z.boolean(),
  totpEnabled: z.boolean(),
  since: isoDateTime,
});
export type Member = z.infer<typeof member>;

export const rolesBody = z.object({ roles: z.array(roleSchema).min(1, 'Give at least one role').max(5) });
