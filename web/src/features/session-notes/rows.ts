import { getTechnique, type TechniqueId } from '../../../../src/domain/catalog/techniques.ts';
import type { TreatmentRow } from '../../../../src/modules/session-notes/schemas.ts';

/** Treatment rows as typed in a form (minutes as text), and what of them is saved. No JSX: tests import it. */
export interface RowDraft {
  key: string;
  techniqueId: TechniqueId | '';
  region: string;
  minutes: string;
  pressure: string;
}

export const rowDraftsOf = (rows: TreatmentRow[] | undefined): RowDraft[] =>
  (rows ?? []).map((r, i) => ({
    key: `t${i}`,
    techniqueId: r.techniqueId,
    region: r.region,
    minutes: String(r.minutes),
    pressure: r.pressure ?? '',
  }));

export const noPressure = (id: string) =>
  id !== '' && getTechnique(id as TechniqueId).defaultPressure === 'none';

const minutesOf = (d: RowDraft) => {
  const minutes = Number(d.minutes);
  return Number.isInteger(minutes) && minutes >= 1 && minutes <= 120 ? minutes : null;
};

/** What a row still needs before it is saved (and billed), or null when it is complete. */
export function rowProblem(d: RowDraft): string | null {
  const missing = [
    d.techniqueId ? null : 'choose a technique',
    d.region ? null : 'choose a region',
    minutesOf(d) === null ? 'enter 1 to 120 minutes' : null,
  ].filter(Boolean);
  return missing.length ? `Not saved yet: ${missing.join(', ')}.` : null;
}

/** Complete rows only (technique, region, 1–120 minutes): what is saved. */
export function validRows(drafts: RowDraft[]): TreatmentRow[] {
  return drafts
    .filter((d) => !rowProblem(d))
    .map((d) => ({
      techniqueId: d.techniqueId as TechniqueId,
      region: d.region as TreatmentRow['region'],
      minutes: minutesOf(d)!,
      ...(d.pressure && !noPressure(d.techniqueId)
        ? { pressure: d.pressure as TreatmentRow['pressure'] }
        : {}),
    }));
}
