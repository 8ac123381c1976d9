import { useState } from 'react';
import { Field } from '../../components/Field.tsx';
import { addDays, todayIn } from '../calendar/time.ts';

/** A billing period in the clinic's days: the last 30 days to begin with. */
export function useDateRange(timeZone: string) {
  const today = todayIn(timeZone);
  const [from, setFrom] = useState(addDays(today, -30));
  const [to, setTo] = useState(today);
  const backwards = Boolean(from && to && from > to);
  return { from, to, setFrom, setTo, backwards, complete: Boolean(from && to) && !backwards };
}

/** The period's From and To fields; a backwards period is said at To. */
export function DateRangeFields({ range }: { range: ReturnType<typeof useDateRange> }) {
  return (
    <>
      <Field label="From">
        {(p) => (
          <input {...p} type="date" value={range.from} onChange={(e) => range.setFrom(e.target.value)} />
        )}
      </Field>
      <Field label="To" error={range.backwards ? 'The end comes on or after the start' : undefined}>
        {(p) => <input {...p} type="date" value={range.to} onChange={(e) => range.setTo(e.target.value)} />}
      </Field>
    </>
  );
}
