import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listedPatients } from '../../platform/audit.ts';
import { authorizeClinic } from '../../platform/clinic-access.ts';
import { AppError } from '../../platform/errors.ts';
import { authorizePatient } from '../../platform/patient-access.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { registerChartSection } from '../patients/chart-sections.ts';
import {
  clearance,
  clearanceBody,
  clearanceList,
  clearanceParams,
  dayFlags,
  dayFlagsQuery,
  patientParams,
  revokeBody,
  safetyChartSectionSchema,
  safetyView,
  screenBody,
  screeningResult,
} from './schemas.ts';
import {
  clearancesOf,
  clearanceViews,
  dayPatientIds,
  flagsOfPatients,
  localDate,
  recordClearance,
  revokeClearance,
  safetyChartSection,
  safetyFlags,
  screenTreatment,
} from './service.ts';

const tags = ['Safety'];
const clinicParams = z.object({ clinicId: z.uuid() });
/** The clinicians who treat: they read the flags of a day's patients (not the front desk, physicians or patients). */
const CLINICIANS = new Set(['owner', 'therapist']);
const errors = { 400: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema, 422: errorSchema };

export default async function safetyRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;

  registerChartSection({
    id: 'flags',
    title: 'Safety flags',
    order: 0,
    permission: 'safety.read',
    schema: safetyChartSectionSchema,
    async load({ db, clinicId, patientId, today, access }) {
      const section = await safetyChartSection(db, clinicId, patientId, today);
      // A patient reads their own chart in plain words, without the references.
      if (access.via !== 'self') return section;
      return {
        ...section,
        summary: section.flags.map((f) => `${f.subject}: ${f.restriction}.`),
        clearancesNeeded: [],
      };
    },
  });

  app.get(
    '/clinics/:clinicId/safety/flags',
    {
      schema: {
        tags,
        summary:
          'The safety flags of a therapist\'s patients on a day, for "Your day": each patient with a live session that day with them, their flags in short (most serious first) and where each stands with a physician',
        description:
          'For the clinicians who treat: a therapist reads their own day, the owner any therapist’s day. The front desk, physicians and patients are refused. The read is audited with every patient listed.',
        params: clinicParams,
        querystring: dayFlagsQuery,
        response: { 200: dayFlags, 400: errorSchema, 403: errorSchema },
      },
    },
    async (request) => {
      const access = await authorizeClinic(request, request.params.clinicId, 'clinical.read');
      const self = access.principal.userId;
      const therapistId = request.query.therapistId ?? self;
      const date = request.query.date ?? localDate(now(), access.clinic.timeZone);
      const refuse = async (message: string) => {
        await request.audit({
          action: 'safety.day_flags.read',
          outcome: 'refused',
          clinicId: access.clinicId,
          actorRoles: access.roles,
          resourceType: 'patient',
          details: { date, therapistId },
        });
        return new AppError('forbidden', message);
      };
      if (!access.roles.some((r) => CLINICIANS.has(r)))
        throw await refuse("The day's safety flags are for the clinic's therapists and its owner");
      if (therapistId !== self && !access.roles.includes('owner'))
        throw await refuse('A therapist sees the safety flags of their own day only');
      const patientIds = await dayPatientIds(db, {
        clinicId: access.clinicId,
        therapistId,
        date,
        timeZone: access.clinic.timeZone,
      });
      const items = await flagsOfPatients(db, {
        clinicId: access.clinicId,
        patientIds,
        onDate: date,
        timeZone: access.clinic.timeZone,
      });
      await request.audit({
        action: 'safety.day_flags.read',
        clinicId: access.clinicId,
        actorRoles: access.roles,
        resourceType: 'patient',
        ...listedPatients(
          items.map((i) => i.patientId),
          { date, therapistId },
        ),
      });
      return { date, therapistId, items };
    },
  );

  app.get(
    '/clinics/:clinicId/patients/:patientId/safety',
    {
      schema: {
        tags,
        summary:
          "Contraindication flags for the chart header (today in the clinic's time zone), allergies and clearances. A patient reading their own gets them in plain words.",
        params: patientParams,
        response: { 200: safetyView, ...errors },
      },
    },
    async (request) => {
      const { clinicId, patientId } = request.params;
      const access = await authorizePatient(request, {
        clinicId,
        patientId,
        permission: 'safety.read',
        action: 'safety.read',
      });
      const today = localDate(now(), access.clinic.timeZone);
      const flags = await safetyFlags(db, clinicId, patientId, today);
      if (access.via === 'self') {
        return {
          audience: 'patient' as const,
          onDate: flags.onDate,
          flags: flags.flags.map((f) => ({
            severity: f.severity,
            subject: f.subject,
            restriction: f.restriction,
            reason: f.reason,
            clearedByPhysician: f.acknowledged,
          })),
          allergies: flags.allergies,
        };
      }
      return {
        audience: 'clinician' as const,
        onDate: flags.onDate,
        basedOn: flags.basedOn,
        highestSeverity: flags.highestSeverity,
        flags: flags.flags,
        summary: flags.summary,
        clearancesNeeded: [...flags.clearancesNeeded],
        allergies: [...flags.allergies],
        clearances: await clearanceViews(db, flags.clearances, today),
        issues: flags.issues,
      };
    },
  );

  app.post(
    '/clinics/:clinicId/patients/:patientId/safety/screen',
    {
      schema: {
        tags,
        summary:
          'Screen a proposed treatment (techniques, regions, pressure, date) against the health history and clearances',
        params: patientParams,
        body: screenBody,
        response: { 200: screeningResult, ...errors },
      },
    },
    async (request) => {
      const { clinicId, patientId } = request.params;
      const access = await authorizePatient(request, {
        clinicId,
        patientId,
        permission: 'clinical.read',
        action: 'safety.screen',
      });
      const { onDate, ...proposed } = request.body;
      return screenTreatment(db, {
        clinicId,
        patientId,
        proposed,
        onDate: onDate ?? localDate(now(), access.clinic.timeZone),
      });
    },
  );

  app.get(
    '/clinics/:clinicId/patients/:patientId/safety/clearances',
    {
      schema: {
        tags,
        summary: 'Every physician clearance of the patient, revoked ones included, newest first',
        params: patientParams,
        response: { 200: clearanceList, ...errors },
      },
    },
    async (request) => {
      const { clinicId, patientId } = request.params;
      const access = await authorizePatient(request, {
        clinicId,
        patientId,
        permission: 'clinical.read',
        action: 'safety.clearances.read',
      });
      const rows = await clearancesOf(db, clinicId, patientId);
      return { items: await clearanceViews(db, rows, localDate(now(), access.clinic.timeZone)) };
    },
  );

  app.post(
    '/clinics/:clinicId/patients/:patientId/safety/clearances',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary:
          'Record a physician’s answer on flags: cleared, cleared with limits (in words) or not cleared (the restrictions stand), with who, when, which rules, optional scope, expiry, attachment, note. A linked physician records their own.',
        params: patientParams,
        body: clearanceBody,
        response: { 201: clearance, ...errors },
      },
    },
    async (request, reply) => {
      const { clinicId, patientId } = request.params;
      const access = await authorizePatient(request, {
        clinicId,
        patientId,
        permission: 'clearances.write',
        action: 'safety.clearance.record',
      });
      const today = localDate(now(), access.clinic.timeZone);
      const row = await recordClearance(db, {
        ...request.body,
        clearedOn: request.body.clearedOn ?? today,
        clinicId,
        patientId,
        today,
        recordedBy: access.principal.userId,
        physician:
          access.via === 'physician'
            ? { userId: access.principal.userId, name: access.principal.displayName }
            : undefined,
      });
      await request.audit({
        action: 'safety.clearance.recorded',
        clinicId,
        patientId,
        resourceType: 'safety_clearance',
        resourceId: row.id,
        details: {
          ruleIds: row.ruleIds,
          answer: row.answer,
          via: access.via,
          attachmentId: row.attachmentId,
        },
      });
      const [view] = await clearanceViews(db, [row], today);
      return reply.status(201).send(view!);
    },
  );

  app.post(
    '/clinics/:clinicId/patients/:patientId/safety/clearances/:clearanceId/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke a clearance with a reason (it is kept on record, never deleted)',
        params: clearanceParams,
        body: revokeBody,
        response: { 200: clearance, ...errors },
      },
    },
    async (request) => {
      const { clinicId, patientId, clearanceId } = request.params;
      const access = await authorizePatient(request, {
        clinicId,
        patientId,
        permission: 'clearances.write',
        action: 'safety.clearance.revoke',
        resourceType: 'safety_clearance',
        resourceId: clearanceId,
      });
      const row = await revokeClearance(db, {
        clinicId,
        patientId,
        clearanceId,
        reason: request.body.reason,
        revokedBy: access.principal.userId,
        now: now(),
      });
      await request.audit({
        action: 'safety.clearance.revoked',
        clinicId,
        patientId,
        resourceType: 'safety_clearance',
        resourceId: row.id,
        details: { via: access.via },
      });
      const [view] = await clearanceViews(db, [row], localDate(now(), access.clinic.timeZone));
      return view!;
    },
  );
}
