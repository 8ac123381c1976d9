import { and, asc, between, desc, eq, inArray, or } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { serviceOfAppointment } from '../../db/joins.ts';
import {
  appointments,
  referrals,
  referringProviders,
  services,
  sessionNotes,
  treatmentPlans,
} from '../../db/schema/index.ts';
import type { ReferralDiagnosis } from '../../db/schema/referrals.ts';
import { referralGapText } from '../../domain/billing/cms1500.ts';
import { formatCents } from '../../domain/billing/money.ts';
import { type SuperbillLeftOutReason, superbillPaymentText } from '../../domain/billing/superbill.ts';
import { injuryText } from '../../domain/catalog/injury.ts';
import { applyAmendments } from '../clinical/access.ts';
import { amendmentsOf } from '../clinical/records.ts';
import {
  identityOn,
  licenceLapse,
  type ProviderIdentity,
  providerCredentials,
  providerLine,
} from '../credentials/identity.ts';
import { userNames } from '../intake/service.ts';
import { dayText, localDate } from '../patients/dates.ts';
import { patientAccount } from '../payments/service.ts';
import { patientClaims } from '../referrals/claims.ts';
import type { DocTable, ReportDocument } from '../reports/document.ts';
import { documentParties, letterheadLines } from '../reports/parties.ts';
import type { NoteContent } from '../session-notes/schemas.ts';
import { computeBilling } from '../session-notes/service.ts';

/** Place of service 11: the clinic's office (CMS place-of-service code set). */
const OFFICE = '11';
const POINTERS = 'ABCDEFGHIJKL';

/** A documented visit as billed. */
export interface BilledVisit<Note, Referral> {
  note: Note;
  referral: Referral | undefined;
  /** Timed codes with their units (CMS 8-minute rule) and minutes, then untimed codes (one unit, no minutes). */
  codes: { code: string; units: number; minutes: number | null }[];
  totalMinutes: number;
  /** The author's licences and NPI valid on the visit's date. */
  identity: ProviderIdentity;
  /** Why the author could not practise that day ("their … expired on Nov 17, 2026"); null when licensed. */
  licenceLapse: string | null;
  /** The referral the visit would fall under, but whose validity does not cover the visit's date. */
  outsideReferral: Referral | undefined;
  /** The booked session the note documents, if any. */
  appointmentId: string | undefined;
  /** The booked session's price; undefined when the visit was not booked as a priced session. */
  feeCents: number | undefined;
  paidCents: number;
}

/**
 * The visits billed between two dates, as documented by signed notes (amendments applied): each with its
 * referral (whose diagnoses it treats), the codes and units of its treatment (CMS 8-minute rule), its booked
 * fee and what was paid for it, and its author. Shared by the superbill and the CMS-1500 claim.
 */
export async function billedVisits(
  db: Executor,
  input: { clinicId: string; patientId: string; from: string; to: string },
) {
  const { clinicId, patientId } = input;
  const notes = await db
    .select()
    .from(sessionNotes)
    .where(
      and(
        eq(sessionNotes.clinicId, clinicId),
        eq(sessionNotes.patientId, patientId),
        eq(sessionNotes.status, 'signed'),
        between(sessionNotes.visitDate, input.from, input.to),
      ),
    )
    .orderBy(asc(sessionNotes.visitDate), asc(sessionNotes.id));
  // The diagnoses of each visit: those of its plan's referral, else of the patient's latest referral. A visit on a
  // self-referred plan has none: its plan has no referral, and a massage therapist does not diagnose.
  const patientReferrals = await db
    .select()
    .from(referrals)
    .where(and(eq(referrals.clinicId, clinicId), eq(referrals.patientId, patientId)))
    .orderBy(desc(referrals.referralDate), desc(referrals.id));
  const planIds = [...new Set(notes.map((n) => n.planId).filter((id): id is string => id !== null))];
  const planReferral = new Map(
    planIds.length
      ? (
          await db
            .select({ id: treatmentPlans.id, referralId: treatmentPlans.referralId })
            .from(treatmentPlans)
            .where(and(eq(treatmentPlans.clinicId, clinicId), inArray(treatmentPlans.id, planIds)))
        ).map((p) => [p.id, p.referralId])
      : [],
  );
  // A referral covers the visits from its valid-from to its valid-until date only: a visit outside them is not
  // billed under it (nor under its referring provider), but under a renewal covering that day, if any.
  const covers = (r: (typeof patientReferrals)[number], date: string) =>
    r.validFrom <= date && (!r.validUntil || r.validUntil >= date);
  const referralOf = (note: (typeof notes)[number]) => {
    if (note.planId && planReferral.get(note.planId) === null) return {};
    const own = patientReferrals.find(
      (r) => r.id === (note.planId ? planReferral.get(note.planId) : undefined),
    );
    if (own && covers(own, note.visitDate)) return { referral: own };
    const covering = patientReferrals.find((r) => covers(r, note.visitDate));
    if (covering) return { referral: covering };
    return {
      outside: own ?? patientReferrals.find((r) => r.referralDate <= note.visitDate) ?? patientReferrals[0],
    };
  };

  // The fee is the price of the booked session the note documents (linked from either side: a note opened for
  // the appointment, or an appointment completed with the note).
  const noteIds = notes.map((n) => n.id);
  const appointmentIds = notes.map((n) => n.appointmentId).filter((id): id is string => id !== null);
  const booked = noteIds.length
    ? await db
        .select({ id: appointments.id, noteId: appointments.sessionNoteId, priceCents: services.priceCents })
        .from(appointments)
        .innerJoin(services, serviceOfAppointment)
        .where(
          and(
            eq(appointments.clinicId, clinicId),
            or(
              inArray(appointments.sessionNoteId, noteIds),
              appointmentIds.length ? inArray(appointments.id, appointmentIds) : undefined,
            ),
          ),
        )
    : [];
  const visitOf = (note: (typeof notes)[number]) =>
    booked.find((a) => a.id === note.appointmentId || a.noteId === note.id);

  // What settled each visit, as the patient's account has it: payments for it, then payments on account.
  const { charges } = await patientAccount(db, clinicId, patientId);
  const paidFor = (appointmentId: string | undefined) =>
    charges.find((c) => c.appointmentId === appointmentId)?.paidCents ?? 0;

  const authorIds = [...new Set(notes.map((n) => n.authorId))];
  const names = await userNames(db, authorIds);
  // Each visit under the credentials valid on its own date: a licence that lapsed mid-period does not cover
  // the visits after it, and one that has expired since still covered those before.
  const credentialRows = await providerCredentials(db, clinicId, authorIds);

  const visits: BilledVisit<(typeof notes)[number], (typeof patientReferrals)[number]>[] = [];
  for (const note of notes) {
    const amendments = await amendmentsOf(db, clinicId, { sessionNoteId: note.id });
    const current = applyAmendments(note.content as NoteContent, amendments) as NoteContent;
    const billing = computeBilling(current.treatment?.rows ?? []);
    const visit = visitOf(note);
    const { referral, outside } = referralOf(note);
    visits.push({
      note,
      referral,
      outsideReferral: outside,
      identity: identityOn(credentialRows, note.authorId, note.visitDate),
      licenceLapse: licenceLapse(credentialRows, note.authorId, note.visitDate),
      codes: [
        ...Object.entries(billing.unitsByCode)
          .filter(([, units]) => units > 0)
          .map(([code, units]) => ({ code, units, minutes: billing.timedMinutesByCpt[code] ?? 0 })),
        ...billing.untimedCodes.map((code) => ({ code, units: 1, minutes: null })),
      ],
      totalMinutes: billing.totalMinutes,
      appointmentId: visit?.id,
      feeCents: visit?.priceCents,
      paidCents: paidFor(visit?.id),
    });
  }
  return { visits, patientReferrals, names, charges };
}

/** A visit of the period that is not on its superbill, and why (for the clinic's staff). */
export interface LeftOutVisit {
  date: string;
  reason: SuperbillLeftOutReason;
  /** What more there is to say: the licence that had lapsed, the date the note has. */
  detail: string | null;
  noteId: string | null;
  appointmentId: string | null;
  /** What the patient's account applied to it (allocation.ts), in the period's payments. */
  paidCents: number;
}

/** A visit on the superbill whose lines point to no diagnosis: the insurer cannot reimburse them. */
export interface UnpointedVisit {
  date: string;
  noteId: string;
  /** The referral to fix (its dates, its diagnoses), or null. */
  referralId: string | null;
  /** Where it is fixed: the referrals on the chart, or the visit's note (a self-referred plan). */
  fixAt: 'referral' | 'note';
  problem: string;
}

/**
 * The facts of a superbill: the visits it lists (signed notes dated in the period, by a therapist licensed that
 * day, with a billable procedure code), the diagnoses they point to, and for the clinic's staff the visits of the
 * period it leaves out (attended, checked in, or noted) with why, and the listed visits pointing to no diagnosis.
 * Payments as the patient's account allocates them: to the listed visits, and to those left out.
 */
export async function superbillFacts(
  db: Executor,
  input: { clinicId: string; patientId: string; from: string; to: string; timeZone: string },
) {
  const { clinicId, patientId, from, to } = input;
  const billed = await billedVisits(db, input);
  const { patientReferrals, charges } = billed;
  const paidFor = (appointmentId: string | null | undefined) =>
    charges.find((c) => c.appointmentId === appointmentId)?.paidCents ?? 0;
  // A visit given without a valid licence is not billed: it is named apart, for the clinic to sort out; nor is a
  // visit whose note documents no procedure code (nothing for an insurer to reimburse).
  const unlicensed = billed.visits.filter((v) => v.licenceLapse);
  const visits = billed.visits.filter((v) => !v.licenceLapse && v.codes.length > 0);
  const leftOut: LeftOutVisit[] = [
    ...unlicensed.map((v) => ({
      date: v.note.visitDate,
      reason: 'no_licence' as const,
      detail: v.licenceLapse,
      noteId: v.note.id,
      appointmentId: v.appointmentId ?? null,
      paidCents: v.paidCents,
    })),
    ...billed.visits
      .filter((v) => !v.licenceLapse && v.codes.length === 0)
      .map((v) => ({
        date: v.note.visitDate,
        reason: 'no_procedure' as const,
        detail: null,
        noteId: v.note.id,
        appointmentId: v.appointmentId ?? null,
        paidCents: v.paidCents,
      })),
  ];

  // Notes of the period still in draft, and the visits attended (checked in or completed) in the period whose
  // note is not among the signed ones: not written yet, in draft, or dated outside the period.
  const attended = charges.filter(
    (c) =>
      c.kind === 'visit' &&
      localDate(new Date(c.start), input.timeZone) >= from &&
      localDate(new Date(c.start), input.timeZone) <= to,
  );
  const attendedIds = attended.map((c) => c.appointmentId);
  const links = attendedIds.length
    ? await db
        .select({ id: appointments.id, noteId: appointments.sessionNoteId })
        .from(appointments)
        .where(and(eq(appointments.clinicId, clinicId), inArray(appointments.id, attendedIds)))
    : [];
  const linkedNoteIds = links.map((l) => l.noteId).filter((id): id is string => id !== null);
  const otherNotes = await db
    .select({
      id: sessionNotes.id,
      status: sessionNotes.status,
      visitDate: sessionNotes.visitDate,
      appointmentId: sessionNotes.appointmentId,
    })
    .from(sessionNotes)
    .where(
      and(
        eq(sessionNotes.clinicId, clinicId),
        eq(sessionNotes.patientId, patientId),
        or(
          and(eq(sessionNotes.status, 'draft'), between(sessionNotes.visitDate, from, to)),
          attendedIds.length ? inArray(sessionNotes.appointmentId, attendedIds) : undefined,
          linkedNoteIds.length ? inArray(sessionNotes.id, linkedNoteIds) : undefined,
        ),
      ),
    )
    .orderBy(asc(sessionNotes.visitDate), asc(sessionNotes.id));
  const billedNoteIds = new Set(billed.visits.map((v) => v.note.id));
  const accounted = new Set(billed.visits.map((v) => v.appointmentId).filter(Boolean));
  const appointmentOf = (note: (typeof otherNotes)[number]) =>
    note.appointmentId ?? links.find((l) => l.noteId === note.id)?.id ?? null;
  for (const note of otherNotes) {
    if (note.status !== 'draft' || note.visitDate < from || note.visitDate > to) continue;
    const appointmentId = appointmentOf(note);
    if (appointmentId) accounted.add(appointmentId);
    leftOut.push({
      date: note.visitDate,
      reason: 'note_unsigned',
      detail: null,
      noteId: note.id,
      appointmentId,
      paidCents: paidFor(appointmentId),
    });
  }
  for (const charge of attended) {
    if (accounted.has(charge.appointmentId)) continue;
    const note = otherNotes.find(
      (n) => !billedNoteIds.has(n.id) && appointmentOf(n) === charge.appointmentId,
    );
    leftOut.push({
      date: localDate(new Date(charge.start), input.timeZone),
      reason: !note ? 'no_note' : note.status === 'draft' ? 'note_unsigned' : 'note_other_date',
      detail: note && note.status !== 'draft' ? dayText(note.visitDate) : null,
      noteId: note?.id ?? null,
      appointmentId: charge.appointmentId,
      paidCents: charge.paidCents,
    });
  }
  leftOut.sort((a, b) => a.date.localeCompare(b.date));

  // The diagnoses, lettered in order of first use (at most 12), and each visit's pointers (at most 4).
  const diagnoses: ReferralDiagnosis[] = [];
  const pointersOf = (list: readonly ReferralDiagnosis[]) =>
    list
      .map((d) => {
        let index = diagnoses.findIndex((x) => x.code === d.code);
        if (index < 0 && diagnoses.length < POINTERS.length) index = diagnoses.push(d) - 1;
        return index < 0 ? '' : POINTERS[index]!;
      })
      .filter(Boolean)
      .slice(0, 4)
      .join('');
  const lines = visits.map((visit) => ({ visit, pointers: pointersOf(visit.referral?.diagnoses ?? []) }));
  const unpointed: UnpointedVisit[] = lines
    .filter((l) => l.pointers === '')
    .map(({ visit: { note, referral, outsideReferral } }) => {
      const base = { date: note.visitDate, noteId: note.id };
      if (referral)
        return {
          ...base,
          referralId: referral.id,
          fixAt: 'referral' as const,
          problem:
            referral.diagnoses.length === 0
              ? `its referral of ${dayText(referral.referralDate)} records no diagnosis`
              : 'the superbill has no room left for its diagnoses (12 at most)',
        };
      if (outsideReferral)
        return {
          ...base,
          referralId: outsideReferral.id,
          fixAt: 'referral' as const,
          problem: `the visit ${referralGapText(outsideReferral, note.visitDate, dayText)}`,
        };
      return patientReferrals.length === 0
        ? { ...base, referralId: null, fixAt: 'referral' as const, problem: 'the patient has no referral' }
        : {
            ...base,
            referralId: null,
            fixAt: 'note' as const,
            problem: 'its note is under a self-referred plan of care, with no referral’s diagnoses',
          };
    });

  let chargedCents = 0;
  let paidCents = 0;
  let unpriced = 0;
  for (const v of visits) {
    if (v.feeCents === undefined) unpriced++;
    else chargedCents += v.feeCents;
    paidCents += v.paidCents;
  }
  const otherVisitsPaidCents = leftOut.reduce((sum, v) => sum + v.paidCents, 0);
  return {
    billed,
    visits: lines,
    unlicensed,
    diagnoses,
    leftOut,
    unpointed,
    chargedCents,
    paidCents,
    unpriced,
    otherVisitsPaidCents,
    paymentText: superbillPaymentText({ chargedCents, paidCents, otherVisitsPaidCents }),
  };
}

/**
 * A superbill: the itemised statement a patient sends their insurer for reimbursement (clinical reference
 * §4.6). Practice and provider identifiers, the patient, an injury's cause and claim (auto, workers' comp), the
 * prior authorisation number, the diagnoses (ICD-10-CM, lettered), and one line per procedure code of each
 * documented visit: date, place of service, CPT code, units (timed codes by the CMS 8-minute rule), minutes,
 * diagnosis pointers and the visit's fee. Only signed notes count: a visit is billed as documented,
 * corrections (amendments) included. Payments for visits of the period it does not list are said apart.
 */
export async function superbillDocument(
  db: Executor,
  input: { clinicId: string; patientId: string; from: string; to: string; at: Date; timeZone: string },
): Promise<ReportDocument & { visits: number; withoutLicence: number; leftOut: number }> {
  const { clinicId, patientId } = input;
  const { patient, clinic, location, address } = await documentParties(db, clinicId, patientId);
  const facts = await superbillFacts(db, input);
  const { patientReferrals, names } = facts.billed;
  const { unlicensed, diagnoses, chargedCents: totalCents, unpriced } = facts;
  const visits = facts.visits.map((l) => l.visit);
  const notes = visits.map((v) => v.note);

  const rows: string[][] = [];
  for (const {
    visit: { note, codes, feeCents: fee, paidCents },
    pointers,
  } of facts.visits) {
    const lines = codes.map(({ code, units, minutes }) => [
      code,
      String(units),
      minutes === null ? '—' : String(minutes),
    ]);
    // The visit's date, provider and fee on its first line only.
    for (const [i, [code, units, minutes]] of lines.entries()) {
      rows.push([
        i === 0 ? dayText(note.visitDate) : '',
        OFFICE,
        code!,
        units!,
        minutes!,
        pointers,
        i === 0 ? (names.get(note.authorId) ?? '') : '',
        i === 0 ? (fee === undefined ? '—' : formatCents(fee)) : '',
        i === 0 ? formatCents(paidCents) : '',
      ]);
    }
  }

  // Each provider as licensed on their last visit billed here (a later entry replaces an earlier one).
  const providers = [...new Map(visits.map((v) => [v.note.authorId, v] as const)).values()].map((v) =>
    providerLine(names.get(v.note.authorId) ?? '', v.identity),
  );
  const referral = patientReferrals.find((r) => visits.some((v) => v.referral?.id === r.id));
  const outside = visits.flatMap(({ note, outsideReferral: r }) =>
    r ? [`The visit of ${dayText(note.visitDate)} ${referralGapText(r, note.visitDate, dayText)}.`] : [],
  );
  const [referrer] = referral?.providerId
    ? await db
        .select()
        .from(referringProviders)
        .where(and(eq(referringProviders.clinicId, clinicId), eq(referringProviders.id, referral.providerId)))
    : [];
  // Box 10 and 14 (what the condition is related to, since when) and the claim the insurer pays against.
  const claim = referral?.injuryCause
    ? (await patientClaims(db, clinicId, patientId)).find((c) => c.appliesTo.includes(referral.id))
    : undefined;
  const claimLine = claim
    ? [
        claim.carrier,
        claim.claimNumber && `claim number ${claim.claimNumber}`,
        claim.employer && `employer ${claim.employer}`,
      ].filter(Boolean)
    : [];
  const table: DocTable = {
    columns: ['Date', 'Place', 'CPT', 'Units', 'Minutes', 'Diagnosis', 'Provider', 'Fee', 'Paid'],
    rows,
    // Wide enough for each header on one line ("Minutes" in bold 9 pt needs 41 pt of 500).
    widths: [1.3, 0.6, 0.8, 0.6, 0.9, 1, 1.6, 1, 1],
  };
  return {
    title: `Superbill, ${dayText(input.from)} to ${dayText(input.to)}`,
    letterhead: {
      name: clinic.name,
      lines: [
        ...letterheadLines(address, location?.phone),
        `Tax ID (EIN): ${clinic.taxId ?? 'not recorded'}    NPI: ${clinic.npi ?? 'not recorded'}`,
      ],
    },
    patient: {
      name: `${patient.legalFirstName} ${patient.legalLastName}`,
      dateOfBirth: patient.dateOfBirth,
    },
    meta: [
      referrer
        ? `Referring provider: ${referrer.firstName} ${referrer.lastName}${referrer.credentials ? `, ${referrer.credentials}` : ''}${referrer.npi ? ` — NPI ${referrer.npi}` : ''}`
        : 'Referring provider: none recorded',
      ...(referral?.injuryCause && referral.injuryDate
        ? [
            `Condition related to: ${injuryText({ cause: referral.injuryCause, date: referral.injuryDate, state: referral.accidentState }, dayText)}`,
          ]
        : []),
      ...(claimLine.length > 0 ? [`Claim: ${claimLine.join(', ')}`] : []),
      ...(referral?.priorAuthorizationNumber
        ? [`Prior authorisation number: ${referral.priorAuthorizationNumber}`]
        : []),
      ...(patient.address
        ? [
            `Patient address: ${[patient.address.line1, patient.address.line2, `${patient.address.city}, ${patient.address.region} ${patient.address.postalCode}`].filter(Boolean).join(', ')}`,
          ]
        : []),
      patient.insurance
        ? `Insurance: ${patient.insurance.payer} — member ID ${patient.insurance.memberId}${patient.insurance.groupNumber ? `, group ${patient.insurance.groupNumber}` : ''}`
        : 'Insurance member ID: ____________________',
    ],
    sections: [
      {
        heading: 'Diagnoses (ICD-10-CM)',
        paragraphs:
          diagnoses.length > 0
            ? diagnoses.map((d, i) => `${POINTERS[i]}. ${d.code} — ${d.description}`)
            : ['No diagnosis is recorded for these visits.'],
      },
      ...(unlicensed.length > 0
        ? [
            {
              heading: 'Not billed: given without a valid licence',
              paragraphs: unlicensed.map(
                (v) =>
                  `The visit of ${dayText(v.note.visitDate)} by ${names.get(v.note.authorId) ?? 'an unnamed therapist'}: ${v.licenceLapse}. It is left off this superbill.`,
              ),
            },
          ]
        : []),
      {
        heading: 'Rendering providers',
        paragraphs: providers.length > 0 ? providers : ['—'],
      },
      {
        heading: 'Services',
        paragraphs:
          notes.length > 0
            ? [
                `${notes.length} ${notes.length === 1 ? 'visit' : 'visits'}; ${
                  unpriced === notes.length
                    ? 'no fee is recorded for them (visits not booked as a priced session)'
                    : `total charged ${formatCents(totalCents)}${unpriced > 0 ? ` (${unpriced} without a recorded fee)` : ''}`
                }. ${facts.paymentText} Place of service 11: office. Units of timed codes by the CMS 8-minute rule.`,
                ...outside,
              ]
            : [
                unlicensed.length > 0
                  ? 'No visit to bill in this period: see those not billed above.'
                  : 'No documented visit in this period.',
                ...(facts.otherVisitsPaidCents > 0 ? [facts.paymentText] : []),
              ],
        ...(rows.length > 0 ? { table } : {}),
      },
    ],
    signature: `Prepared by Palpa for ${clinic.name} on ${dayText(localDate(input.at, input.timeZone))}.`,
    visits: notes.length,
    withoutLicence: unlicensed.length,
    leftOut: facts.leftOut.length,
  };
}
