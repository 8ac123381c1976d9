import { describe, expect, it } from 'vitest';
import { itemLabel } from '../../web/src/features/outcomes/items.ts';

describe('itemLabel', () => {
  it('names a licensed item by number and section in words, and a shipped item by its text', () => {
    expect(itemLabel({ number: 1, domain: 'pain-intensity' })).toBe('Item 1 — pain intensity');
    expect(itemLabel({ number: 10, domain: 'recreation' })).toBe('Item 10 — recreation');
    expect(itemLabel({ number: 3, domain: 'walking', text: 'Walking a mile' })).toBe('3. Walking a mile');
  });
});
