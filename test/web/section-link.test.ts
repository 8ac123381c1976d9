import { describe, expect, it } from 'vitest';
import { goToSection } from '../../web/src/features/chart/section-link.ts';

/** A heading as the page draws it: focusable only once given a tabindex. */
function heading() {
  const calls: string[] = [];
  const attributes = new Map<string, string>();
  return {
    calls,
    tabIndex: -1,
    hasAttribute: (name: string) => attributes.has(name),
    setAttribute: (name: string, value: string) => {
      attributes.set(name, value);
      calls.push(`${name}=${value}`);
    },
    scrollIntoView: () => calls.push('scroll'),
    focus: (options?: FocusOptions) => calls.push(`focus${options?.preventScroll ? ' (no scroll)' : ''}`),
  };
}

describe('a link to a chart section', () => {
  it('waits while the section is not drawn (its data still loading), then scrolls to it and focuses its heading', () => {
    const clearances = heading();
    const page = new Map<string, ReturnType<typeof heading>>();
    const doc = { getElementById: (id: string) => page.get(id) ?? null };
    expect(goToSection(doc, '#section-clearances')).toBe(false);
    page.set('section-clearances', clearances);
    expect(goToSection(doc, '#section-clearances')).toBe(true);
    expect(clearances.calls).toEqual(['tabindex=-1', 'scroll', 'focus (no scroll)']);
  });

  it('leaves an element that is focusable already as it is, and does nothing without a hash', () => {
    const button = { ...heading(), tabIndex: 0 };
    const doc = { getElementById: () => button };
    expect(goToSection(doc, '#pay')).toBe(true);
    expect(button.calls).toEqual(['scroll', 'focus (no scroll)']);
    expect(goToSection(doc, '')).toBe(false);
    expect(goToSection(doc, '#')).toBe(false);
  });
});
