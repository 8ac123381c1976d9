import { z } from 'zod';

/** Lists page with an opaque cursor: the id (a time-ordered UUIDv7) of the last item of the previous page. */
export const pageQuery = z.object({
  cursor: z.uuid().optional().describe('nextCursor from the previous page'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** Fetch limit + 1 rows; this trims the extra one and says whether there is a next page. */
export function toPage<T extends { id: string }>(
  rows: T[],
  limit: number,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}
