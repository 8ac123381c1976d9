/** An item's label on the form: its own text when the clinic has it, else "Item 1 — pain intensity". */
export function itemLabel(item: { number: number; domain: string; text?: string | null }): string {
  return item.text
    ? `${item.number}. ${item.text}`
    : `Item ${item.number} — ${item.domain.replaceAll('-', ' ')}`;
}
