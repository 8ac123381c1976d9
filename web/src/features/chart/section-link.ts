/** A link to a chart section (`#section-clearances`) opens the chart there, once that section is drawn. */

interface SectionTarget {
  tabIndex: number;
  hasAttribute(name: string): boolean;
  setAttribute(name: string, value: string): void;
  scrollIntoView(options?: ScrollIntoViewOptions): void;
  focus(options?: FocusOptions): void;
}

/**
 * Scrolls to the element the hash names and moves the focus to it (a section's heading: made focusable for
 * this), so a keyboard or screen-reader user starts there too. Answers false while it is not in the page yet:
 * sections drawn from data that is still loading appear later, and the caller tries again then.
 */
export function goToSection(
  doc: { getElementById(id: string): SectionTarget | null },
  hash: string,
): boolean {
  const target = hash.length > 1 ? doc.getElementById(hash.slice(1)) : null;
  if (!target) return false;
  if (target.tabIndex < 0 && !target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.scrollIntoView({ block: 'start' });
  target.focus({ preventScroll: true });
  return true;
}
