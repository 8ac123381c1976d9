import { and, desc, eq, isNull } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import type { Executor } from '../../db/connection.ts';
import { appointments, referralVisits, sessionNotes, treatmentPlans } from '../../db/schema/index.ts';
import { ruledOutAdvice } from '../../domain/safety/advice.ts';
import { listedPatients } from '../../platform/audit.ts';
import { requireUser } from '../../platform/auth-plugin.ts';
import { authorizeClinic } from '../../platform/clinic-access.ts';
import { AppError } from '../../platform/errors.ts';
import { page, pageQuery } from '../../platform/pagination.ts';
import type { PatientAccess } from '../../platform/patient-access.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { completeAppointment } from '../appointments/complete.ts';
import {
  applyAmendments,
  clinicalRecordAccess,
  getPath,
  mergeSections,
  notAuthor,
  requireOwnName,
  touchedPaths,
} from '../clinical/access.ts';
import { assertQuestionnairesScored, withQuestionnaireDrafts } from '../clinical/questionnaires.ts';
import {
  addAddendum,
  addAmendment,
  amendmentsOf,
  assertReadable,
  deleteDraft,
  patientRecordsPage,
  signedForPhysician,
} from '../clinical/records.ts';
import { addendumBody } from '../clinical/schemas.ts';
import { clinicParams } from '../clinics/routes.ts';
import { userNames } from '../intake/service.ts';
import { localDate } from '../patients/dates.ts';
import { patientParams } from '../patients/routes.ts';
import { recordReferralVisit } from '../referrals/visits.ts';
import {
  CARRY_OVER_FIELDS,
  emptyNoteBlock,
  type NoteContent,
  noteAmendmentBody,
  noteCreate,
  noteCreateQuery,
  noteSignBody,
  noteTemplateList,
  noteUpdate,
  overrideList,
  overrideListQuery,
  sessionNote,
  sessionNoteSummary,
} from './schemas.ts';
import {
  assertPlanOfPatient,
  billingColumns,
  checkGoalProgress,
  findNote,
  type NoteRow,
  noteView,
  overridesOf,
  recordedOverride,
  type StoredOverride,
  screenNote,
} from './service.ts';
import { getTemplate, NOTE_TEMPLATES, templateContent } from './templates.ts';

const tags = ['Session notes'];
const errors = { 400: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema, 422: errorSchema };
const noteParams = patientParams.extend({ noteId: z.uuid() });
/**
 * The draft note, locked for the rest of the transaction: 404 if missing, 409 once signed, 403 "Only the author
 * `what`" unless the caller wrote it (audited as refused by `authorOnly` around the transaction).
 */
async function draftOfAuthor(tx: Executor, access: PatientAccess, noteId: string, what: string) {
  const row = await findNote(tx, access.clinicId, access.patientId, noteId, { lock: true });
  if (row.status === 'signed') throw signedError();
  if (row.authorId !== access.principal.userId) throw notAuthor(what);
  return row;
}

/**
 * The treatment includes what the patient's health rules out: what, and what to do, as the editor says it. The
 * record may still say it truthfully: `overridable` tells the client a written reason signs it (the treatment
 * was given), sent as `contraindicationOverride.reason`.
 */
function contraindicated(
  what: string,
  screening: { findings: { blocking: boolean; clearancePolicy: string }[] },
) {
  const findings = screening.findings.filter((f) => f.blocking);
  return new AppError(
    'contraindicated',
    `${what} includes a technique or region the patient’s health rules out, with no clearance on file. ${ruledOutAdvice(findings, 'treatment')} If this treatment was really given, record it with a written reason why (it is then marked “Given despite a contraindication”).`,
    { findings, overridable: true, overrideField: 'body.contraindicationOverride.reason' },
  );
}

/** An override sent while the screening rules nothing out: never kept on a clean record by mistake. */
const nothingToOverride = () =>
  new AppError('unprocessable', 'Nothing to override: the screening rules out none of this treatment', [
    {
      path: 'body.contraindicationOverride',
      message: 'Leave this out: nothing in this treatment is ruled out',
    },
  ]);

/** The audit's word on an override: the findings set aside (the reason itself is in the record). */
const overrideAudit = (o: StoredOverride) => ({
  findings: o.findings.map((f) => f.ruleId),
  reasonLength: o.reason.length,
});

const signedError = () =>
  new AppError('note_signed', 'This note is signed and locked: add an amendment or an addendum');

export default async function sessionNoteRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;

  const { gate, audit, authorOnly } = clinicalRecordAccess('session_note', 'noteId');

  const today = (access: PatientAccess) => localDate(now(), access.clinic.timeZone);

  app.get(
    '/session-note-templates',
    {
      schema: {
        tags,
        summary:
          'Note templates per condition (low back pain, neck pain, sciatica, carpal tunnel, TMJ, tension headache, plantar fasciitis, lymphoedema)',
        response: { 200: noteTemplateList, 401: errorSchema },
      },
    },
    async (request) => {
      requireUser(request);
      return {
        items: NOTE_TEMPLATES.map((t) => ({ ...t, suggestedInstruments: [...t.suggestedInstruments] })),
      };
    },
  );

  app.post(
    '/clinics/:clinicId/patients/:patientId/notes',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary:
          'Open a session note (draft), optionally from an appointment. `?from=last` copies the last signed note, marking every copied field `carriedOver: true` until confirmed; `?from=template` starts from a condition template.',
        params: patientParams,
        querystring: noteCreateQuery,
        body: noteCreate,
        response: { 201: sessionNote, ...errors },
      },
    },
    async (request, reply) => {
      const access = await gate(request, request.params, true, 'session_note.create');
      const { clinicId, patientId } = access;
      const body = request.body;
      let visitDate = body.visitDate ?? today(access);
      if (body.appointmentId) {
        const [appt] = await db
          .select()
          .from(appointments)
          .where(
            and(
              eq(appointments.clinicId, clinicId),
              eq(appointments.patientId, patientId),
              eq(appointments.id, body.appointmentId),
            ),
          );
        if (!appt)
          throw new AppError('unprocessable', 'No such appointment for this patient', [
            { path: 'body.appointmentId', message: 'Not an appointment of this patient' },
          ]);
        if (appt.status === 'cancelled' || appt.status === 'no_show')
          throw new AppError('unprocessable', `This appointment is ${appt.status.replace('_', ' ')}`, [
            { path: 'body.appointmentId', message: 'Not a visit that took place' },
          ]);
        visitDate = body.visitDate ?? localDate(appt.startAt, access.clinic.timeZone);
      }
      let planId: string | null = null;
      if (body.planId) planId = (await assertPlanOfPatient(db, clinicId, patientId, body.planId)).id;
      else {
        const [latest] = await db
          .select({ id: treatmentPlans.id })
          .from(treatmentPlans)
          .where(and(eq(treatmentPlans.clinicId, clinicId), eq(treatmentPlans.patientId, patientId)))
          .orderBy(desc(treatmentPlans.id))
          .limit(1);
        planId = latest?.id ?? null;
      }

      let base: NoteContent = {};
      let carriedOver: string[] = [];
      let sourceNoteId: string | null = null;
      let templateId: string | null = null;
      const from = request.query.from;
      if (from === 'template' || body.templateId) {
        const template = body.templateId ? getTemplate(body.templateId) : undefined;
        if (!template)
          throw new AppError('unprocessable', 'Choose a template', [
            { path: 'body.templateId', message: 'Unknown template' },
          ]);
        base = templateContent(template, body.templateSide);
        templateId = template.id;
      }
      if (from === 'last') {
        const [last] = await db
          .select()
          .from(sessionNotes)
          .where(
            and(
              eq(sessionNotes.clinicId, clinicId),
              eq(sessionNotes.patientId, patientId),
              eq(sessionNotes.status, 'signed'),
            ),
          )
          .orderBy(desc(sessionNotes.visitDate), desc(sessionNotes.id))
          .limit(1);
        if (!last)
          throw new AppError('unprocessable', 'There is no earlier signed note to start from', [
            { path: 'query.from', message: 'No signed note yet' },
          ]);
        const source = applyAmendments(
          last.content,
          await amendmentsOf(db, clinicId, { sessionNoteId: last.id }),
        ) as NoteContent;
        const copied: Record<string, Record<string, unknown>> = {};
        for (const field of CARRY_OVER_FIELDS) {
          const value = getPath(source, field);
          if (value === undefined) continue;
          const [section, key] = field.split('.') as [string, string];
          copied[section] = { ...(copied[section] ?? {}), [key]: structuredClone(value) };
          carriedOver.push(field);
        }
        base = mergeSections(base, copied) as NoteContent;
        sourceNoteId = last.id;
      }
      const given = (body.content ?? {}) as Record<string, unknown>;
      const touched = new Set(touchedPaths(given));
      carriedOver = carriedOver.filter((f) => !touched.has(f));
      const content = withQuestionnaireDrafts(mergeSections(base, given) as NoteContent);
      await checkGoalProgress(db, clinicId, planId, content, patientId);
      const screening = await screenNote(db, {
        clinicId,
        patientId,
        rows: content.treatment?.rows ?? [],
        hotCold: content.treatment?.hotCold,
        onDate: visitDate,
      });
      const at = now();
      const [row] = await db
        .insert(sessionNotes)
        .values({
          clinicId,
          id: uuidv7(),
          patientId,
          planId,
          appointmentId: body.appointmentId ?? null,
          authorId: access.principal.userId,
          visitDate,
          content,
          carriedOver,
          sourceNoteId,
          templateId,
          ...billingColumns(content),
          screening,
          createdAt: at,
          updatedAt: at,
        })
        .returning();
      await audit(request, access, 'session_note.created', row!.id, {
        from,
        sourceNoteId,
        templateId,
        appointmentId: row!.appointmentId,
        carriedOver,
      });
      return reply.status(201).send(await noteView(db, row!));
    },
  );

  app.get(
    '/clinics/:clinicId/patients/:patientId/notes',
    {
      schema: {
        tags,
        summary: "A patient's session notes, newest visit first",
        params: patientParams,
        querystring: pageQuery,
        response: { 200: page(sessionNoteSummary), ...errors },
      },
    },
    async (request) => {
      const access = await gate(request, request.params, false, 'session_note.list');
      const paged = await patientRecordsPage(
        db,
        sessionNotes,
        access,
        request.query,
        signedForPhysician(access, sessionNotes),
      );
      const names = await userNames(
        db,
        paged.items.map((r) => r.authorId),
      );
      const items = [];
      for (const r of paged.items) {
        const content = r.content as NoteContent;
        const amendments =
          r.status === 'signed' ? await amendmentsOf(db, r.clinicId, { sessionNoteId: r.id }) : [];
        const amended = amendments.length > 0;
        const overridden =
          r.contraindicationOverride !== null || amendments.some((a) => a.contraindicationOverride !== null);
        items.push({
          id: r.id,
          patientId: r.patientId,
          planId: r.planId,
          appointmentId: r.appointmentId,
          author: { userId: r.authorId, name: names.get(r.authorId) ?? '' },
          status: r.status,
          visitDate: r.visitDate,
          totalMinutes: r.totalMinutes,
          painBefore: content.pain?.before ?? null,
          painAfter: content.pain?.after ?? null,
          signedAt: r.signedAt?.toISOString() ?? null,
          amended,
          overridden,
          createdAt: r.createdAt.toISOString(),
        });
      }
      return { items, nextCursor: paged.nextCursor };
    },
  );

  app.get(
    '/clinics/:clinicId/patients/:patientId/notes/:noteId',
    {
      schema: {
        tags,
        summary:
          'One session note with its amendments (and the content with them applied), addenda, minutes per CPT code and units',
        params: noteParams,
        response: { 200: sessionNote, ...errors },
      },
    },
    async (request) => {
      const access = await gate(request, request.params, false, 'session_note.read');
      const row = await findNote(db, access.clinicId, access.patientId, request.params.noteId);
      assertReadable(access, row, 'Session note');
      if (row.status === 'signed') return noteView(db, row);
      // A draft is screened again as it is opened: what is on file about the visit date may have changed since it
      // was saved (a history submitted later that day, a clearance recorded).
      const screening = await screenNote(db, {
        clinicId: row.clinicId,
        patientId: row.patientId,
        rows: (row.content as NoteContent).treatment?.rows ?? [],
        hotCold: (row.content as NoteContent).treatment?.hotCold,
        onDate: row.visitDate,
      });
      return noteView(db, { ...row, screening });
    },
  );

  /** PUT and PATCH: autosave a draft (merged field by field). A signed note answers 409 note_signed. */
  async function saveDraft(
    request: FastifyRequest<{ Params: z.infer<typeof noteParams>; Body: z.infer<typeof noteUpdate> }>,
  ) {
    const access = await gate(request, request.params, true, 'session_note.update');
    const body = request.body;
    const updated = await authorOnly(request, access, 'session_note.update', request.params.noteId, () =>
      db.transaction(async (tx) => {
        const row = await draftOfAuthor(tx, access, request.params.noteId, 'edits a draft note');
        let planId = row.planId;
        if (body.planId !== undefined)
          planId =
            body.planId === null
              ? null
              : (await assertPlanOfPatient(tx, access.clinicId, access.patientId, body.planId)).id;
        const given = (body.content ?? {}) as Record<string, unknown>;
        const touched = new Set([...touchedPaths(given), ...(body.confirmCarriedOver ?? [])]);
        const content = withQuestionnaireDrafts(mergeSections(row.content, given) as NoteContent);
        await checkGoalProgress(tx, access.clinicId, planId, content, access.patientId);
        const visitDate = body.visitDate ?? row.visitDate;
        const rowsTouched =
          touched.has('treatment.rows') || touched.has('treatment.hotCold') || body.visitDate !== undefined;
        const screening = rowsTouched
          ? await screenNote(tx, {
              clinicId: access.clinicId,
              patientId: access.patientId,
              rows: content.treatment?.rows ?? [],
              hotCold: content.treatment?.hotCold,
              onDate: visitDate,
            })
          : row.screening;
        const [changed] = await tx
          .update(sessionNotes)
          .set({
            content,
            planId,
            visitDate,
            carriedOver: row.carriedOver.filter((f) => !touched.has(f)),
            ...billingColumns(content),
            screening,
            updatedAt: now(),
          })
          .where(and(eq(sessionNotes.clinicId, row.clinicId), eq(sessionNotes.id, row.id)))
          .returning();
        return changed!;
      }),
    );
    await audit(request, access, 'session_note.updated', updated.id, {
      fields: touchedPaths((body.content ?? {}) as Record<string, unknown>),
      confirmed: body.confirmCarriedOver ?? [],
    });
    return noteView(db, updated);
  }

  for (const method of ['PUT', 'PATCH'] as const) {
    app.route({
      method,
      url: '/clinics/:clinicId/patients/:patientId/notes/:noteId',
      schema: {
        tags,
        summary: `Autosave a draft note${method === 'PATCH' ? ' (same as PUT)' : ''}: fields sent replace the stored ones, null clears one, the rest are kept; editing (or clearing) or confirming a carried-over field clears its mark; saving the treatment given re-runs the screening; \`questionnaires\` keeps the outcome measures begun, answers so far (400 for an unknown instrument or item, or a value the item does not allow). 409 note_signed once signed.`,
        params: noteParams,
        body: noteUpdate,
        response: { 200: sessionNote, ...errors },
      },
      handler: saveDraft,
    });
  }

  app.delete(
    '/clinics/:clinicId/patients/:patientId/notes/:noteId',
    {
      schema: {
        tags,
        summary: 'Discard a draft note (author only). A signed note is never deleted: 409 note_signed.',
        params: noteParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const access = await gate(request, request.params, true, 'session_note.delete');
      await authorOnly(request, access, 'session_note.delete', request.params.noteId, () =>
        db.transaction(async (tx) => {
          const row = await draftOfAuthor(tx, access, request.params.noteId, 'discards a draft note');
          await deleteDraft(tx, row, 'sessionNote');
        }),
      );
      await audit(request, access, 'session_note.discarded', request.params.noteId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/clinics/:clinicId/patients/:patientId/notes/:noteId/sign',
    {
      schema: {
        tags,
        summary:
          'Sign (the author, typing their name); then the note is locked. Refused 422 while carried-over fields are unconfirmed, while an outcome questionnaire begun in the draft is not scored (unscored_questionnaire, naming it), or when the treatment given is contraindicated without a recorded clearance (contraindicated, `details.overridable: true`). Treatment really given despite the contraindication is signed with `contraindicationOverride.reason` (15–1000 characters): the note keeps the reason, the signer, the time and the findings set aside, and says so wherever it is shown. An override when nothing is ruled out is refused 422.',
        params: noteParams,
        body: noteSignBody,
        response: { 200: sessionNote, ...errors },
      },
    },
    async (request) => {
      const access = await gate(request, request.params, true, 'session_note.sign');
      const signed = await authorOnly(request, access, 'session_note.sign', request.params.noteId, () =>
        db.transaction(async (tx) => {
          const row = await draftOfAuthor(tx, access, request.params.noteId, 'signs a note');
          requireOwnName(request.body.typedName, access.principal.displayName);
          if (row.carriedOver.length > 0)
            throw new AppError(
              'unconfirmed_carry_over',
              'Confirm or edit the fields carried over from the last note first',
              {
                fields: row.carriedOver,
              },
            );
          const content = row.content as NoteContent;
          const empty = emptyNoteBlock(content);
          if (empty) throw new AppError('unprocessable', empty);
          assertQuestionnairesScored(content);
          const screening = await screenNote(tx, {
            clinicId: row.clinicId,
            patientId: row.patientId,
            rows: content.treatment?.rows ?? [],
            hotCold: content.treatment?.hotCold,
            onDate: row.visitDate,
          });
          const asked = request.body.contraindicationOverride;
          if (screening?.blocked && !asked) throw contraindicated('The treatment given', screening);
          if (asked && !screening?.blocked) throw nothingToOverride();
          const at = now();
          const contraindicationOverride =
            asked && screening
              ? recordedOverride(screening, { reason: asked.reason, by: access.principal.userId, at })
              : null;
          let referralVisitId: string | null = null;
          if (row.planId) {
            const [p] = await tx
              .select({ referralId: treatmentPlans.referralId })
              .from(treatmentPlans)
              .where(and(eq(treatmentPlans.clinicId, row.clinicId), eq(treatmentPlans.id, row.planId)));
            let countedByAppointment = false;
            if (row.appointmentId) {
              const [appt] = await tx
                .select({ referralId: appointments.referralId })
                .from(appointments)
                .where(and(eq(appointments.clinicId, row.clinicId), eq(appointments.id, row.appointmentId)));
              countedByAppointment = Boolean(appt?.referralId);
            } else if (p?.referralId) {
              // A note not linked to its appointment documents that day's completed visit, already counted
              // (a self-referred plan has no referral, so no visits to count).
              const [sameDay] = await tx
                .select({ id: referralVisits.id })
                .from(referralVisits)
                .where(
                  and(
                    eq(referralVisits.clinicId, row.clinicId),
                    eq(referralVisits.referralId, p.referralId),
                    eq(referralVisits.visitDate, row.visitDate),
                    eq(referralVisits.sourceType, 'appointment'),
                  ),
                )
                .limit(1);
              countedByAppointment = Boolean(sameDay);
            }
            if (p?.referralId && !countedByAppointment) {
              referralVisitId = (
                await recordReferralVisit(tx, {
                  clinicId: row.clinicId,
                  referralId: p.referralId,
                  visitDate: row.visitDate,
                  sourceType: 'session_note',
                  sourceId: row.id,
                  recordedBy: access.principal.userId,
                })
              ).id;
            }
          }
          const [done] = await tx
            .update(sessionNotes)
            .set({
              status: 'signed',
              signedAt: at,
              signatureTypedName: request.body.typedName,
              screening,
              contraindicationOverride: contraindicationOverride as Record<string, unknown> | null,
              referralVisitId,
              updatedAt: at,
            })
            .where(and(eq(sessionNotes.clinicId, row.clinicId), eq(sessionNotes.id, row.id)))
            .returning();
          if (row.appointmentId) {
            // The visit this note documents: completed with it when the patient was checked in, else linked.
            const completed = await completeAppointment(tx, {
              clinicId: row.clinicId,
              appointmentId: row.appointmentId,
              from: ['checked_in'],
              fromStatus: 'checked_in',
              sessionNoteId: row.id,
              now: at,
              timeZone: access.clinic.timeZone,
              request,
              access,
            });
            if (!completed)
              await tx
                .update(appointments)
                .set({ sessionNoteId: row.id, updatedAt: at })
                .where(
                  and(
                    eq(appointments.clinicId, row.clinicId),
                    eq(appointments.id, row.appointmentId),
                    isNull(appointments.sessionNoteId),
                  ),
                );
          }
          return done!;
        }),
      );
      await audit(request, access, 'session_note.signed', signed.id, {
        referralVisitId: signed.referralVisitId,
      });
      if (signed.contraindicationOverride)
        await audit(
          request,
          access,
          'session_note.signed_over_contraindication',
          signed.id,
          overrideAudit(signed.contraindicationOverride as unknown as StoredOverride),
        );
      return noteView(db, signed);
    },
  );

  app.post(
    '/clinics/:clinicId/patients/:patientId/notes/:noteId/amendments',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary:
          'Correct a signed note: an amendment (author, time, reason, each changed field before → after) shown with the original. Corrected treatment rows and Hot / cold are screened: 422 contraindicated when one is blocked with no clearance recorded (`details.overridable: true`), unless `contraindicationOverride.reason` says why that treatment was really given (kept on the amendment; 422 when nothing corrected is ruled out). Corrected progress per goal rates goals of the note’s plan or goals it rates already, and a linked health-history version is the patient’s (422 otherwise).',
        params: noteParams,
        body: noteAmendmentBody,
        response: { 201: sessionNote, ...errors },
      },
    },
    async (request, reply) => {
      const access = await gate(request, request.params, true, 'session_note.amend');
      const row: NoteRow = await findNote(db, access.clinicId, access.patientId, request.params.noteId);
      if (row.status !== 'signed')
        throw new AppError('conflict', 'A draft is edited directly; amendments are for signed notes');
      // Corrected treatment rows and Hot / cold are screened like a draft's at signing: an amendment never
      // records a contraindicated technique, region, heat or cold that has no clearance. Hot / cold is
      // screened over the regions treated, so corrected rows also screen the Hot / cold the note keeps.
      const earlier = await amendmentsOf(db, row.clinicId, { sessionNoteId: row.id });
      const current = applyAmendments(row.content, earlier);
      // Corrected progress rates the plan's goals (or those the note rates already); a health-history version
      // linked is the patient's.
      await checkGoalProgress(db, row.clinicId, row.planId, request.body.changes, row.patientId, {
        at: 'body.changes',
        rated: ((current as NoteContent).assessment?.goalProgress ?? []).map((g) => g.goalId),
      });
      const corrected = request.body.changes.treatment;
      const asked = request.body.contraindicationOverride;
      const at = now();
      let contraindicationOverride: StoredOverride | null = null;
      if (corrected?.rows || corrected?.hotCold) {
        const given = (current as NoteContent).treatment;
        const screening = await screenNote(db, {
          clinicId: row.clinicId,
          patientId: row.patientId,
          rows: corrected.rows ?? [],
          hotCold: corrected.hotCold ?? given?.hotCold,
          hotColdOver: (corrected.rows ?? given?.rows ?? []).map((r) => r.region),
          onDate: row.visitDate,
        });
        if (screening?.blocked && !asked) throw contraindicated('The corrected treatment', screening);
        if (asked && !screening?.blocked) throw nothingToOverride();
        if (asked && screening)
          contraindicationOverride = recordedOverride(screening, {
            reason: asked.reason,
            by: access.principal.userId,
            at,
          });
      } else if (asked) throw nothingToOverride();
      const amendment = await addAmendment(db, {
        clinicId: row.clinicId,
        patientId: row.patientId,
        link: { sessionNoteId: row.id },
        authorId: access.principal.userId,
        at,
        reason: request.body.reason,
        current,
        patch: request.body.changes as Record<string, unknown>,
        contraindicationOverride: contraindicationOverride as Record<string, unknown> | null,
      });
      await audit(request, access, 'session_note.amended', row.id, {
        amendmentId: amendment.id,
        fields: amendment.changes.map((c) => c.field),
      });
      if (contraindicationOverride)
        await audit(request, access, 'session_note.amended_over_contraindication', row.id, {
          amendmentId: amendment.id,
          ...overrideAudit(contraindicationOverride),
        });
      return reply.status(201).send(await noteView(db, row));
    },
  );

  app.get(
    '/clinics/:clinicId/safety/overrides',
    {
      schema: {
        tags,
        summary:
          'Visits (notes) recorded as given despite a contraindication (signed with a written reason, or in an amendment), newest first: one item per note with its latest override, `earlier` counting the ones it replaced (kept in the note) and `override.replacedBy` set when a later correction of the treatment replaced it; the owner sees the clinic’s, a therapist what they recorded; `since` keeps those whose latest override was recorded from then on (400 when it is not an ISO-8601 date-time with offset)',
        params: clinicParams,
        querystring: overrideListQuery,
        response: { 200: overrideList, 400: errorSchema, 403: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'clinical.write');
      const items = await overridesOf(db, access.clinicId, {
        recordedBy: access.roles.includes('owner') ? undefined : access.principal.userId,
        limit: request.query.limit,
        since: request.query.since ? new Date(request.query.since) : undefined,
      });
      await request.audit({
        action: 'safety.overrides.read',
        clinicId: access.clinicId,
        actorRoles: access.roles,
        resourceType: 'session_note',
        ...listedPatients(items.map((i) => i.patientId)),
      });
      return { items };
    },
  );

  app.post(
    '/clinics/:clinicId/patients/:patientId/notes/:noteId/addenda',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Add an addendum (free text, author, time) to a signed note',
        params: noteParams,
        body: addendumBody,
        response: { 201: sessionNote, ...errors },
      },
    },
    async (request, reply) => {
      const access = await gate(request, request.params, true, 'session_note.addendum');
      const row = await findNote(db, access.clinicId, access.patientId, request.params.noteId);
      if (row.status !== 'signed')
        throw new AppError('conflict', 'Addenda are for signed notes; edit the draft');
      const added = await addAddendum(db, {
        clinicId: row.clinicId,
        patientId: row.patientId,
        link: { sessionNoteId: row.id },
        authorId: access.principal.userId,
        at: now(),
        text: request.body.text,
      });
      await audit(request, access, 'session_note.addendum_added', row.id, { addendumId: added.id });
      return reply.status(201).send(await noteView(db, row));
    },
  );
}
