import { describe, expect, it } from 'vitest';
import {
  BOOKING_RULES_LINK,
  SETUP_SECTIONS,
  setupSection,
} from '../../web/src/features/schedule-setup/sections.ts';

describe('setupSection', () => {
  it('opens the part the link names, so Settings can link to the booking rules', () => {
    expect(setupSection('rules')).toBe('rules');
    expect(setupSection('rooms')).toBe('rooms');
    expect(new URL(BOOKING_RULES_LINK, 'http://x').searchParams.get('tab')).toBe('rules');
    expect(setupSection(new URL(BOOKING_RULES_LINK, 'http://x').searchParams.get('tab'))).toBe('rules');
  });

  it('falls back to Services when the tab is absent or unknown', () => {
    expect(setupSection(null)).toBe('services');
    expect(setupSection('')).toBe('services');
    expect(setupSection('Rules')).toBe('services');
  });

  it('has one tab per part, with the booking rules labelled as owners look for them', () => {
    expect(SETUP_SECTIONS.map(([key]) => setupSection(key))).toEqual(SETUP_SECTIONS.map(([key]) => key));
    expect(Object.fromEntries(SETUP_SECTIONS).rules).toBe('Booking rules');
  });
});
