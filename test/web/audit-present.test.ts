import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_CODES, isAccessCheck } from '../../src/modules/audit/schemas.ts';
import type { AuditEvent } from '../../web/src/api/types.ts';
import {
  actionChoices,
  idTail,
  patientOf,
  recordOf,
  roleWords,
} from '../../web/src/features/audit/present.ts';

// Three patients created the same minute: UUIDv7 ids that differ only after their time prefix.
const MEI = '01a21f25-62ff-7ee8-a182-f43a627325af';
const JOSE = '01a21f25-64a9-7657-9ed3-f07820cb7fe5';
const MARCUS = '01a21f25-6779-7c23-9b0e-a027858cf05e';

const event = (overrides: Partial<AuditEvent>): AuditEvent => ({
  id: '01a21f30-0000-7000-8000-000000000001',
  at: '2026-03-02T17:00:00.000Z',
  actorUserId: null,
  actorName: null,
  actorRoles: null,
  action: 'patient.read',
  resourceType: null,
  resourceId: null,
  patientId: null,
  patientName: null,
  outcome: 'allowed',
  ip: null,
  details: null,
  ...overrides,
});

describe('audit rows in words', () => {
  it('tells ids apart by their random end, not their shared time prefix', () => {
    const tails = [MEI, JOSE, MARCUS].map(idTail);
    expect(tails).toEqual(['…7325af', '…cb7fe5', '…8cf05e']);
    expect(new Set(tails).size).toBe(3);
    expect(idTail('Patient-1')).toBe('Patient-1');
  });

  it('names the patient with a link to the chart, or says why it cannot', () => {
    expect(patientOf(event({ patientId: MEI, patientName: 'Mei Chen' }))).toEqual({
      text: 'Mei Chen',
      chartOf: MEI,
    });
    expect(patientOf(event({ patientId: JOSE }))).toEqual({
      text: 'Not a patient of this clinic',
      idTail: '…cb7fe5',
    });
    expect(patientOf(event({ details: { patientIds: [MEI, JOSE, MARCUS] } }))).toEqual({
      text: 'A list of 3 patients',
    });
    expect(patientOf(event({ details: { scope: 'staff' } }))).toEqual({ text: '—' });
  });

  it('says what kind of record a row is about, with the id only where the patient column does not say it', () => {
    expect(recordOf(event({ resourceType: 'patient', resourceId: MEI, patientId: MEI }))).toEqual({
      kind: 'Patient record',
    });
    expect(recordOf(event({ resourceType: 'treatment_plan', resourceId: JOSE, patientId: MEI }))).toEqual({
      kind: 'Plan of care',
      idTail: '…cb7fe5',
    });
    expect(recordOf(event({ resourceType: 'clinic' }))).toEqual({ kind: 'Clinic' });
    expect(recordOf(event({}))).toEqual({ kind: '—' });
  });

  it('writes roles as words', () => {
    expect(roleWords(['front_desk', 'therapist'])).toBe('front desk, therapist');
    expect(roleWords(null)).toBe('');
  });
});

describe('the action filter', () => {
  const groups = actionChoices();

  it('offers every action once, under its kind, without the access checks', () => {
    const offered = groups.flatMap((g) => g.actions.map((a) => a.code));
    expect(new Set(offered).size).toBe(offered.length);
    expect(offered.sort()).toEqual(AUDIT_ACTION_CODES.filter((code) => !isAccessCheck(code)).sort());
  });

  it('names each choice once within its kind, in alphabetical order', () => {
    for (const group of groups) {
      const names = group.actions.map((a) => a.name);
      expect(new Set(names).size, group.kind).toBe(names.length);
      expect(names, group.kind).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    }
    const scheduling = groups.find((g) => g.kind === 'scheduling')!;
    expect(scheduling.actions).toContainEqual({
      code: 'appointment.cancel.done',
      name: 'Cancel an appointment',
    });
  });
});
