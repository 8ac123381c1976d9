import { describe, expect, it } from 'vitest';
import { HOME_CARE_EXERCISES } from '../plans/home-care-library.ts';
import { dailyFrequency } from './frequency.ts';

describe('dailyFrequency', () => {
  it.each([
    ['Hold 30 seconds, 3 times each side, twice a day', 2, 2],
    ['Hold 5 seconds, 10 times, 3 times a day', 3, 3],
    ['Hold 30 seconds, 3 times, once or twice a day', 1, 2],
    ['Hold 30 seconds, 3 times each leg, once a day', 1, 1],
    ['2 minutes each foot, morning and evening', 2, 2],
    ['1 minute, 5 times a day and whenever you notice clenching', 5, 5],
    ['20 pumps, 3 times a day, while wearing your compression garment if prescribed', 3, 3],
    ['10 reps twice daily', 2, 2],
    ['2–3 times per day', 2, 3],
    ['Four times a day', 4, 4],
    ['As you feel able', 1, 1],
    ['Hold 30 seconds, 3 times each side', 1, 1],
    ['100 times a day', 12, 12],
  ])('%s → %i a day, up to %i', (dosage, timesPerDay, upTo) => {
    expect(dailyFrequency(dosage)).toEqual({ timesPerDay, upTo });
  });

  it('reads every library dosage as a daily frequency it names', () => {
    for (const e of HOME_CARE_EXERCISES) {
      const f = dailyFrequency(e.dosage);
      expect(f.timesPerDay, e.dosage).toBeGreaterThanOrEqual(1);
      expect(f.upTo, e.dosage).toBeGreaterThanOrEqual(f.timesPerDay);
      // Each library dosage says how often a day: none falls back to the once-a-day default silently.
      expect(/a day|morning and evening/i.test(e.dosage), e.dosage).toBe(true);
    }
  });
});
