import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formBoxes, type PayerKind } from '../../domain/billing/cms1500.ts';
import { leftOutReasonText } from '../../domain/billing/superbill.ts';
import { x12Problems } from '../../domain/billing/x12-837p.ts';
import { recordAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { checkPatientAccess } from '../../platform/patient-access.ts';
import { errorSchema } from '../../platform/schemas.ts';
import { patientParams } from '../patients/routes.ts';
import { renderReportPdf } from '../reports/pdf.ts';
import { type Cms1500Claim, claimReviewDocument, cms1500Claim } from './cms1500.ts';
import { renderClaimFormPdf } from './cms1500-pdf.ts';
import {
  cms1500PdfQuery,
  cms1500Preflight,
  cms1500Query,
  superbillCheck,
  superbillQuery,
  x12ClaimQuery,
} from './schemas.ts';
import { superbillDocument, superbillFacts } from './service.ts';
import { electronicClaimFile } from './x12-837p.ts';

/**
 * Who prepares a claim, on paper (CMS-1500) or electronic (837P): billing staff. A health plan claim is billing
 * data (`billing.read`), an auto or workers' compensation claim also reads the injury claim (`claims.manage`:
 * owner and front desk), as the FHIR Coverage resource has it. Never a physician; and not the patient (the
 * practice sends the claim; the patient has the superbill). Refusals are audited.
 */
async function claimAccess(
  request: FastifyRequest,
  params: { clinicId: string; patientId: string },
  payer: PayerKind,
  action: 'claim.cms1500.read' | 'claim.837p.read' = 'claim.cms1500.read',
) {
  const checked = await checkPatientAccess(request, {
    ...params,
    permission: payer === 'health' ? 'billing.read' : 'claims.manage',
    action,
  });
  if (checked.access.via !== 'staff') {
    await request.audit({ ...checked.audit, outcome: 'refused' });
    throw new AppError('forbidden', 'Insurance claims are prepared by the clinic’s billing staff');
  }
  return checked;
}

/**
 * Builds the claim, and what the route makes of it (`use`: the claim itself, or its 837P file, with details for
 * the audit); the access is audited either way, with what the claim covered or why it could not be made.
 */
async function auditedClaim<T = Cms1500Claim>(
  request: FastifyRequest,
  checked: Awaited<ReturnType<typeof claimAccess>>,
  query: { from: string; to: string; payer: PayerKind; print?: string; payerId?: string; filing?: string },
  use: (claim: Cms1500Claim) => { result: T; details?: Record<string, unknown> } = (claim) => ({
    result: claim as T,
  }),
): Promise<T> {
  const { db, now } = request.server.deps;
  const { access, audit } = checked;
  try {
    const claim = await cms1500Claim(db, {
      clinicId: access.clinicId,
      patientId: access.patientId,
      ...query,
      at: now(),
      timeZone: access.clinic.timeZone,
    });
    const { result, details } = use(claim);
    await recordAudit(db, {
      ...audit,
      details: {
        ...audit.details,
        ...query,
        visits: claim.visits,
        forms: claim.forms.length,
        problems: claim.problems.length,
        ...details,
      },
    });
    return result;
  } catch (error) {
    await recordAudit(db, { ...audit, outcome: 'failed', details: { ...audit.details, ...query } });
    throw error;
  }
}

export default async function superbillRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, now } = app.deps;

  app.get(
    '/clinics/:clinicId/patients/:patientId/superbill.pdf',
    {
      schema: {
        tags: ['Billing'],
        summary:
          'A superbill (PDF) of the visits documented by signed notes between two dates: for the patient to claim from their insurer. Staff, and the patient for their own',
        params: patientParams,
        querystring: superbillQuery,
        produces: ['application/pdf'],
        response: { 200: z.any().describe('application/pdf'), 400: errorSchema, 403: errorSchema },
      },
    },
    async (request, reply) => {
      const { from, to } = request.query;
      const { access, audit } = await checkPatientAccess(request, {
        ...request.params,
        permission: 'billing.read',
        action: 'superbill.read',
      });
      const { visits, withoutLicence, leftOut, ...document } = await superbillDocument(db, {
        clinicId: access.clinicId,
        patientId: access.patientId,
        from,
        to,
        at: now(),
        timeZone: access.clinic.timeZone,
      });
      // One audit row for the access, saying what the superbill covered.
      await recordAudit(db, {
        ...audit,
        details: {
          from,
          to,
          visits,
          ...(withoutLicence > 0 ? { withoutLicence } : {}),
          ...(leftOut > 0 ? { leftOut } : {}),
        },
      });
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="superbill-${from}-to-${to}.pdf"`)
        .header('cache-control', 'no-store')
        .send(await renderReportPdf(document));
    },
  );

  app.get(
    '/clinics/:clinicId/patients/:patientId/superbill',
    {
      schema: {
        tags: ['Billing'],
        summary:
          'The check of a superbill before it is given: the visits it lists, its payments line, the visits of the period it leaves out and why (a note not signed yet…), and the visits pointing to no diagnosis. Clinic staff',
        params: patientParams,
        querystring: superbillQuery,
        response: { 200: superbillCheck, 400: errorSchema, 403: errorSchema },
      },
    },
    async (request) => {
      const { from, to } = request.query;
      const { access, audit } = await checkPatientAccess(request, {
        ...request.params,
        permission: 'billing.read',
        action: 'superbill.check',
      });
      // The reasons are the clinic's work list; the patient has their superbill itself.
      if (access.via !== 'staff') {
        await request.audit({ ...audit, outcome: 'refused' });
        throw new AppError('forbidden', 'The check of a superbill is for the clinic’s staff');
      }
      const facts = await superbillFacts(db, {
        clinicId: access.clinicId,
        patientId: access.patientId,
        from,
        to,
        timeZone: access.clinic.timeZone,
      });
      await recordAudit(db, {
        ...audit,
        details: {
          from,
          to,
          visits: facts.visits.length,
          leftOut: facts.leftOut.length,
          withoutDiagnosis: facts.unpointed.length,
        },
      });
      return {
        visits: facts.visits.length,
        chargedCents: facts.chargedCents,
        paidCents: facts.paidCents,
        otherVisitsPaidCents: facts.otherVisitsPaidCents,
        unpriced: facts.unpriced,
        paymentText: facts.paymentText,
        leftOut: facts.leftOut.map((v) => ({
          date: v.date,
          reason: v.reason,
          message: v.detail ? `${leftOutReasonText(v.reason)}: ${v.detail}` : leftOutReasonText(v.reason),
          noteId: v.noteId,
          appointmentId: v.appointmentId,
          paidCents: v.paidCents,
        })),
        withoutDiagnosis: facts.unpointed.map((v) => ({
          date: v.date,
          noteId: v.noteId,
          referralId: v.referralId,
          fixAt: v.fixAt,
          message: v.problem,
        })),
      };
    },
  );

  app.get(
    '/clinics/:clinicId/patients/:patientId/claims/cms1500',
    {
      schema: {
        tags: ['Billing'],
        summary:
          'Preflight of the CMS-1500 insurance claim of the visits documented between two dates, to the health plan, the auto insurer or the workers’ compensation carrier: every box of every form, and what is missing for a clean claim. Billing staff',
        params: patientParams,
        querystring: cms1500Query,
        response: {
          200: cms1500Preflight,
          400: errorSchema,
          403: errorSchema,
          422: errorSchema,
        },
      },
    },
    async (request) => {
      const checked = await claimAccess(request, request.params, request.query.payer);
      const claim = await auditedClaim(request, checked, request.query);
      return {
        payer: claim.payer,
        payerName: claim.input.payer.name,
        visits: claim.visits,
        leftOff: claim.leftOff,
        totalChargeCents: claim.forms.reduce((sum, f) => sum + f.totalChargeCents, 0),
        problems: claim.problems,
        electronicProblems: x12Problems(claim.input),
        forms: claim.forms.map((f) => ({ page: f.page, pages: f.pages, boxes: formBoxes(f) })),
      };
    },
  );

  app.get(
    '/clinics/:clinicId/patients/:patientId/claims/cms1500.pdf',
    {
      schema: {
        tags: ['Billing'],
        summary:
          'The CMS-1500 (02/12) insurance claim as a PDF: text to print on the red pre-printed form (`print=form`), or a review copy listing every box with its number and label (`print=review`). Billing staff',
        params: patientParams,
        querystring: cms1500PdfQuery,
        produces: ['application/pdf'],
        response: {
          200: z.any().describe('application/pdf'),
          400: errorSchema,
          403: errorSchema,
          422: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const { from, to, payer, print } = request.query;
      const checked = await claimAccess(request, request.params, payer);
      const claim = await auditedClaim(request, checked, request.query);
      if (print === 'form' && claim.visits === 0)
        throw new AppError('unprocessable', 'No documented visit in this period is billable to this payer', [
          { path: 'querystring.from', message: 'No visit to claim' },
        ]);
      const pdf =
        print === 'form'
          ? await renderClaimFormPdf(claim.forms, `CMS-1500 claim ${from} to ${to}`)
          : await renderReportPdf(claimReviewDocument(claim, { from, to }));
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="cms1500-${payer.replace('_', '-')}-${print === 'form' ? '' : 'review-'}${from}-to-${to}.pdf"`,
        )
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );

  app.get(
    '/clinics/:clinicId/patients/:patientId/claims/837p',
    {
      schema: {
        tags: ['Billing'],
        summary:
          'The insurance claim as an electronic claim file: ANSI X12 837P (005010X222A1), from the same facts as the CMS-1500, addressed to the payer ID given (from the clearinghouse’s payer list) and submitted under the clinic’s EIN. 422 `claim_incomplete` with `details.problems` while the claim has errors. Billing staff',
        params: patientParams,
        querystring: x12ClaimQuery,
        produces: ['application/edi-x12'],
        response: {
          200: z.string().describe('application/edi-x12: the X12 interchange, segments ending in ~'),
          400: errorSchema,
          403: errorSchema,
          422: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const checked = await claimAccess(request, request.params, request.query.payer, 'claim.837p.read');
      const { access } = checked;
      const file = await auditedClaim(request, checked, request.query, (claim) => {
        const made = electronicClaimFile(claim, {
          clinicId: access.clinicId,
          patientId: access.patientId,
          ...request.query,
          at: now(),
          timeZone: access.clinic.timeZone,
        });
        return { result: made, details: { controlNumber: made.controlNumber, claimId: made.claimId } };
      });
      return reply
        .type('application/edi-x12')
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .header('cache-control', 'no-store')
        .send(file.text);
    },
  );
}
