import { formatDateTimeWithZone, formatTime } from '../../components/format.ts';

/** The autosave's "Saved at 2:39 PM", in the clinic's time as every time in the app. */
export const savedAtText = (iso: string, timeZone: string) => `Saved at ${formatTime(iso, timeZone)}`;

/** The thank-you page's sentence: the clinic's time, named, as the patient may be in another zone. */
export const submittedText = (at: string | null, timeZone: string, urgent = false) =>
  `Your answers ${at ? `were submitted on ${formatDateTimeWithZone(at, timeZone)}` : 'were submitted'}.${urgent ? '' : ' Your therapist reads them before your visit.'}`;

/**
 * The thank-you page's closing advice. "Before then" points at the visit named in `submittedText`, a sentence
 * left out when the answers hold an emergency red flag: then the advice stands on its own.
 */
export const changesText = (urgent = false) =>
  urgent
    ? 'If anything else about your health changes, tell the clinic.'
    : 'If anything about your health changes before then, tell the clinic.';
