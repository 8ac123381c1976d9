import { describe, expect, it } from 'vitest';
import { birthDayText, reportDocument } from './document.ts';
import { draftText } from './generate.ts';
import { type ReportFacts, type ReportView, romValueText } from './schemas.ts';

const facts: ReportFacts = {
  patient: { name: 'María Guadalupe Hernández', dateOfBirth: '1971-01-01' },
  clinic: { name: 'Harbor Medical Massage', address: null, phone: null },
  therapist: { userId: 't', name: 'Zoë Björk, LMT' },
  referral: {
    id: 'r',
    referralDate: '2026-11-10',
    physicianName: 'Dr. Rivera',
    diagnoses: [{ code: 'M54.50', description: 'Low back pain, unspecified' }],
    authorizedVisits: 12,
    injury: { cause: 'auto_accident', date: '2026-01-05', state: 'OR' },
  },
  plan: {
    id: 'p',
    version: 1,
    problems: [],
    techniques: ['Myofascial release'],
    regions: ['Low back'],
    frequencyPerWeek: 2,
    durationWeeks: 6,
    plannedVisits: 12,
    sessionMinutes: 60,
    startDate: '2026-11-12',
    endDate: '2026-12-24',
  },
  period: { start: '2026-11-12', end: '2026-11-27' },
  visits: { attended: 2, noShow: 0, lateCancelled: 0, missed: 0, sinceStart: 2, authorized: 12 },
  treatment: { sessions: 2, totalMinutes: 120, byTechnique: [] },
  pain: {
    sessions: [
      { date: '2026-11-16', before: 6, after: 3, medication: 'same' },
      { date: '2026-11-23', before: 5, after: 2, medication: 'less' },
    ],
    averageBefore: 5.5,
    averageAfter: 2.5,
  },
  outcomes: [
    {
      instrumentId: 'lefs',
      name: 'LEFS',
      direction: 'higher-is-better',
      baseline: { value: 40, date: '2026-11-16' },
      latest: { value: 52, date: '2026-11-23' },
      change: 12,
      percentChange: 30,
      classification: 'improved',
      mcid: { value: 9, unit: 'points', source: 'Binkley 1999' },
      meaning: 'LEFS 40 → 52',
    },
  ],
  rom: [
    {
      jointMotion: 'lumbar.flexion',
      label: 'lumbar spine flexion',
      side: null,
      unit: 'deg',
      normal: 60,
      first: { value: 12, date: '2026-11-16' },
      latest: { value: 40.5, date: '2026-11-23' },
      percentOfNormal: 68,
      status: 'limited',
    },
  ],
  goals: [],
  homeCare: { exercises: [], advice: [], adherencePercent: null, daysLogged: 0 },
};

const report = (status: 'draft' | 'signed'): ReportView => ({
  id: 'x',
  patientId: 'p',
  referralId: 'r',
  planId: 'p',
  kind: 'progress_report',
  title: 'Progress report, Nov 12, 2026 to Nov 27, 2026',
  status,
  periodStart: facts.period.start,
  periodEnd: facts.period.end,
  facts,
  text: { summary: 'S', assessment: 'A', plan: 'P', recommendationNote: 'N' },
  recommendation: 'continue',
  author: { userId: 't', name: 'Zoë Björk' },
  // 22:05 UTC on Nov 27 is 2:05 PM in San Diego.
  signedAt: status === 'signed' ? '2026-11-27T22:05:00.000Z' : null,
  signatureTypedName: status === 'signed' ? 'Zoë Björk' : null,
  deliveries: [],
  referringProvider: null,
  recipients: [],
  sentOutside: [],
  createdAt: '2026-11-27T20:00:00.000Z',
  updatedAt: '2026-11-27T22:05:00.000Z',
});

/** Every text of the document a person reads, in one string. */
const allText = (doc: ReturnType<typeof reportDocument>) =>
  [
    doc.title,
    ...doc.meta,
    ...doc.sections.flatMap((s) => [
      s.heading,
      ...s.paragraphs,
      ...(s.table ? [...s.table.columns, ...s.table.rows.flat()] : []),
    ]),
    doc.signature,
  ].join('\n');

describe('the report as a document', () => {
  it('writes every date as people read it, the signature in the clinic’s time', () => {
    const doc = reportDocument(report('signed'), 'America/Los_Angeles');
    const text = allText(doc);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(text).toContain('Referred Nov 10, 2026 by Dr. Rivera.');
    expect(text).toContain('Related to: Auto accident on Jan 5, 2026 (OR).');
    expect(text).toContain('Nov 12, 2026 to Dec 24, 2026 (version 1)');
    expect(text).toContain('Period: Nov 12, 2026 to Nov 27, 2026');
    expect(doc.sections.find((s) => s.heading === 'Outcome measures')?.table?.rows[0]).toEqual([
      'LEFS',
      '40 (Nov 16, 2026)',
      '52 (Nov 23, 2026)',
      '12',
      'Meaningful improvement',
    ]);
    expect(doc.sections.find((s) => s.heading.startsWith('Pain'))?.table?.rows.map((r) => r[0])).toEqual([
      'Nov 16, 2026',
      'Nov 23, 2026',
    ]);
    expect(doc.signature).toBe('Electronically signed by Zoë Björk on Nov 27, 2026, 2:05 PM PST');
  });

  it('names the span of each count: visits and adherence in this period, visits used since the referral began', () => {
    const doc = reportDocument(
      {
        ...report('signed'),
        facts: {
          ...facts,
          visits: { ...facts.visits, attended: 9, sinceStart: 8 },
          homeCare: {
            ...facts.homeCare,
            exercises: [{ id: 'e', name: 'Cat-cow', dosage: '10×' }],
            adherencePercent: 22,
            daysLogged: 3,
          },
        },
      },
      'America/Los_Angeles',
    );
    const text = allText(doc);
    expect(text).toContain('In this period: attended 9; missed 0');
    expect(text).toContain('Since the referral began: 8 of 12 authorised visits used.');
    expect(text).toContain('Adherence in this period (Nov 12, 2026 to Nov 27, 2026): 22 %');
  });

  it('gives range of motion in degrees with the degree sign', () => {
    const doc = reportDocument(report('draft'), 'America/Los_Angeles');
    expect(doc.sections.find((s) => s.heading === 'Range of motion')?.table?.rows[0]).toEqual([
      'lumbar spine flexion',
      '12°',
      '40.5°',
      '60°',
      '68 %',
    ]);
    expect(romValueText(35, 'mm')).toBe('35 mm');
    expect(romValueText(null, 'deg')).toBe('—');
  });

  it('writes the date of birth as people read it (as stored when it is not a date)', () => {
    expect(birthDayText('1971-01-01')).toBe('Jan 1, 1971');
    expect(birthDayText('unknown')).toBe('unknown');
  });

  it('drafts the pain medication with the visits’ dates as people read them', () => {
    expect(draftText('progress_report', facts, 'continue').assessment).toContain(
      'Pain medication (patient-reported) at the latest visit, Nov 23, 2026: less than before (Nov 16, 2026: about the same).',
    );
  });
});
