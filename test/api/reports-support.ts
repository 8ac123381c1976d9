import { DateTime } from 'luxon';
import { PDFParse } from 'pdf-parse';
import { expect } from 'vitest';
import {
  base,
  type ClinicalWorld,
  insertAppointment,
  patientWithReferral,
  planBody,
  serviceAndRoom,
  today,
  ZONE,
} from './clinical-support.ts';

/** Helpers of the reports, progress, records and analytics tests: a treated patient, and PDF text. */

export const ROWS = [
  { techniqueId: 'myofascial-release', region: 'low-back', minutes: 20, pressure: 'moderate' },
  { techniqueId: 'trigger-point-therapy', region: 'gluteal-right', minutes: 10, pressure: 'firm' },
];

export interface TreatedPatient {
  patientId: string;
  referralId: string;
  planId: string;
  goalIds: string[];
  noteIds: string[];
}

/**
 * A patient with a referral and plan (ODI, lumbar flexion and a functional goal), `sessions` signed notes
 * (30 min each: myofascial release 20, trigger point 10; pain before 6/after 3, then falling), NPRS 7 → 3 and
 * ODI 44 → 40 (no meaningful change), and optionally one no-show and one late cancellation.
 */
export async function treatedPatient(
  w: ClinicalWorld,
  options: { userId?: string | null; sessions?: number; missed?: boolean } = {},
): Promise<TreatedPatient> {
  const { patientId, referralId } = await patientWithReferral(w, { userId: options.userId ?? null });
  const plan = await w.therapist.agent.post(`${base(w, patientId)}/plans`, planBody(w, referralId));
  expect(plan.statusCode, plan.body).toBe(201);
  const goalIds = (plan.json().current.goals as { id: string }[]).map((g) => g.id);
  const outcome = async (instrumentId: string, answers: Record<string, number>) => {
    const r = await w.therapist.agent.post(`${base(w, patientId)}/outcomes`, { instrumentId, answers });
    expect(r.statusCode, r.body).toBe(201);
  };
  await outcome('nprs', { pain: 7 });
  await outcome(
    'odi',
    Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`q${i + 1}`, i < 2 ? 3 : 2])),
  );
  const noteIds: string[] = [];
  const sessions = options.sessions ?? 2;
  for (let i = 0; i < sessions; i++) {
    const note = await w.therapist.agent.post(`${base(w, patientId)}/notes`, {
      visitDate: today(w.t),
      content: {
        subjective: { painToday: 6 - i, painMedication: i === 0 ? 'same' : 'less' },
        objective: { rom: [{ jointMotion: 'lumbar.flexion', value: 40 + i * 10 }] },
        treatment: { rows: ROWS },
        assessment: { goalProgress: [{ goalId: goalIds[2]!, progress: 'progressing' }] },
        pain: { before: 6 - i, after: 3 - i },
      },
    });
    expect(note.statusCode, note.body).toBe(201);
    const signed = await w.therapist.agent.post(`${base(w, patientId)}/notes/${note.json().id}/sign`, {
      typedName: w.therapist.name,
    });
    expect(signed.statusCode, signed.body).toBe(200);
    noteIds.push(note.json().id);
  }
  await outcome('nprs', { pain: 3 });
  await outcome('odi', Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`q${i + 1}`, 2])));
  if (options.missed) await missedAppointments(w, patientId);
  return { patientId, referralId, planId: plan.json().id, goalIds, noteIds };
}

/** One no-show and one late cancellation today (straight in the database). */
export async function missedAppointments(w: ClinicalWorld, patientId: string) {
  const place = await serviceAndRoom(w);
  const now = w.t.clock.now().getTime();
  // An hour or two ago, but never before the clinic's midnight: just after it, "today" has only just begun.
  const midnight = DateTime.fromMillis(now, { zone: ZONE }).startOf('day').toMillis();
  for (const [i, status] of (['no_show', 'cancelled'] as const).entries()) {
    const startAt = new Date(Math.max(now - (i + 1) * 3_600_000, midnight + i * 3_600_000));
    const endAt = new Date(startAt.getTime() + 1_800_000);
    await insertAppointment(w, place, {
      patientId,
      startAt,
      endAt,
      status,
      bookedBy: w.therapist.userId,
      ...(status === 'cancelled'
        ? { cancelledAt: startAt, cancelledLate: true, cancelledByRole: 'patient' as const }
        : { noShowAt: endAt }),
    });
  }
}

/** The text of each page of a PDF. */
export async function pdfPages(buffer: Buffer): Promise<string[]> {
  const parser = new PDFParse({ data: new Uint8Array(buffer) });
  try {
    const result = await parser.getText();
    return result.pages.map((p) => p.text);
  } finally {
    await parser.destroy();
  }
}
