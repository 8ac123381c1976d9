import { getRomNorm, type JointMotion, romStatus } from '../../../../src/domain/outcomes/rom.ts';
import { type RomMeasurement, romNeedsSide } from '../../../../src/modules/assessments/schemas.ts';

/** Range-of-motion rows as typed in a form, and what of them is saved. No JSX: tests import it. */
export interface RomRow {
  key: string;
  jointMotion: JointMotion;
  side: '' | 'left' | 'right';
  value: string;
  note: string;
}

export const motionLabel = (jm: string) => {
  const spec = getRomNorm(jm as JointMotion);
  return spec ? `${spec.joint} — ${spec.motion}` : jm;
};

export const romRowsOf = (rom: RomMeasurement[] | undefined): RomRow[] =>
  (rom ?? []).map((m, i) => ({
    key: `r${i}-${m.jointMotion}`,
    jointMotion: m.jointMotion,
    side: m.side ?? '',
    value: String(m.value),
    note: m.note ?? '',
  }));

export const romValueValid = (r: RomRow) => {
  if (r.value.trim() === '' || !Number.isFinite(Number(r.value))) return false;
  try {
    romStatus(r.jointMotion, Number(r.value));
    return true;
  } catch {
    return false;
  }
};

/** What a measurement still needs before it is saved, or null when it is complete. */
export function romProblem(r: RomRow): string | null {
  const missing = [
    romNeedsSide(r.jointMotion) && !r.side ? 'choose a side' : null,
    romValueValid(r) ? null : 'enter a valid value',
  ].filter(Boolean);
  return missing.length ? `Not saved yet: ${missing.join(', ')}.` : null;
}

/** Why a record cannot be signed yet while rows (measurements, treatment) are not complete, and not saved. */
export const incompleteRowsBlock = (count: number) =>
  count === 0
    ? null
    : `${count === 1 ? 'A row is' : `${count} rows are`} not complete, so not saved: complete or remove ${count === 1 ? 'it' : 'them'} before signing.`;

/** The rows that are complete enough to save (a valid value, a side where the motion needs one). */
export function validRom(rows: RomRow[]): RomMeasurement[] {
  return rows
    .filter((r) => !romProblem(r))
    .map((r) => ({
      jointMotion: r.jointMotion,
      value: Number(r.value),
      ...(romNeedsSide(r.jointMotion) && r.side ? { side: r.side } : {}),
      ...(r.note.trim() ? { note: r.note.trim() } : {}),
    }));
}
