/** What a summary tile shows: its number when known, a neutral placeholder while it loads, never a made-up value. */
export type TileFigure =
  | { state: 'loading'; label: string }
  | { state: 'failed'; label: string }
  | { state: 'ready'; number: number; label: string };

/**
 * The tile's figure and label: "1 item to do", "3 items to do"; while loading or after a failure no number at
 * all, and the label in the plural ("Loading items to do", "Could not load items to do").
 */
export function tileFigure(
  number: number | undefined,
  { one, many, failed = false }: { one: string; many: string; failed?: boolean },
): TileFigure {
  if (number !== undefined) return { state: 'ready', number, label: number === 1 ? one : many };
  return failed ? { state: 'failed', label: many } : { state: 'loading', label: many };
}
