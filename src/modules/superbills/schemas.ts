import { z } from 'zod';

/** The visits a superbill covers: signed session notes dated from `from` to `to` (clinic days, inclusive). */
export const superbillQuery = z
  .object({
    from: z.iso.date({ error: 'Enter a date' }),
    to: z.iso.date({ error: 'Enter a date' }),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'The end comes on or after the start' })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, {
    path: ['to'],
    message: 'A superbill covers at most a year',
  });
