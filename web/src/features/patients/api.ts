import type { z } from 'zod';
import type { attachment, fromPatientsList } from '../../../../src/modules/attachments/schemas.ts';
import type { icd10Entry } from '../../../../src/modules/icd10/schemas.ts';
import type {
  autosaveResult,
  confirmation,
  healthHistory,
  IntakeAnswers,
  intakeChartSection,
  intakeResponse,
  intakeSummary,
  LinkChannel,
  linkIntakeView,
  linkResult,
  linkSubmitResult,
  openedIntake,
  questionnaireView,
} from '../../../../src/modules/intake/schemas.ts';
import type {
  chart,
  mergeResult,
  PossibleDuplicate,
  patient,
  patientCreate,
  patientPatch,
  patientSummary,
} from '../../../../src/modules/patients/schemas.ts';
import type { provider, providerInput, providerPatch } from '../../../../src/modules/providers/schemas.ts';
import type {
  claim,
  claimInput,
  claimsChartSection,
  referral,
  referralInput,
} from '../../../../src/modules/referrals/schemas.ts';
import type {
  clearance,
  clearanceBody,
  clinicianSafety,
  DayFlags,
  patientSafety,
  safetyChartSectionSchema,
} from '../../../../src/modules/safety/schemas.ts';
import { ApiError, api } from '../../api/client.ts';
import type { Invitation, Page } from '../../api/types.ts';

/**
 * The clinical API calls of the patients, chart, referrals, providers, intake and physician-portal features,
 * typed from the server's own Zod schemas (kept here, next to the features, rather than in the shared
 * api/endpoints.ts).
 */
export type Patient = z.infer<typeof patient>;
export type PatientSummary = z.infer<typeof patientSummary>;
export type PatientCreate = z.input<typeof patientCreate>;
export type PatientPatch = z.input<typeof patientPatch>;
export type Chart = z.infer<typeof chart>;
export type ChartSection = Chart['sections'][number];
export type MergeResult = z.infer<typeof mergeResult>;
export type { PossibleDuplicate };
export type Provider = z.infer<typeof provider>;
export type ProviderInput = z.input<typeof providerInput>;
export type Referral = z.infer<typeof referral>;
export type ReferralInput = z.input<typeof referralInput>;
export type Claim = z.infer<typeof claim>;
export type ChartClaim = z.infer<typeof claimsChartSection>[number];
export type ClaimInput = z.input<typeof claimInput>;
export type Attachment = z.infer<typeof attachment>;
export type DocumentFromPatient = z.infer<typeof fromPatientsList>['items'][number];
export type Icd10Entry = z.infer<typeof icd10Entry>;
export type Questionnaire = z.infer<typeof questionnaireView>;
export type IntakeResponse = z.infer<typeof intakeResponse>;
export type OpenedIntake = z.infer<typeof openedIntake>;
export type IntakeSummary = z.infer<typeof intakeSummary>;
export type IntakeChart = z.infer<typeof intakeChartSection>;
export type HealthHistory = z.infer<typeof healthHistory>;
export type LinkIntake = z.infer<typeof linkIntakeView>;
export type AutosaveResult = z.infer<typeof autosaveResult>;
export type AnswersPatch = { [K in keyof IntakeAnswers]?: IntakeAnswers[K] | null };
export type ClinicianSafety = z.infer<typeof clinicianSafety>;
export type PatientSafety = z.infer<typeof patientSafety>;
export type SafetyChart = z.infer<typeof safetyChartSectionSchema>;
export type Clearance = z.infer<typeof clearance>;
export type ClearanceInput = z.input<typeof clearanceBody>;
export type { IntakeAnswers };

const clinic = (clinicId: string) => `/api/clinics/${encodeURIComponent(clinicId)}`;
const patientPath = (clinicId: string, patientId: string) =>
  `${clinic(clinicId)}/patients/${encodeURIComponent(patientId)}`;
const linkPath = (token: string) => `/api/intake/${encodeURIComponent(token)}`;

export const clinical = {
  searchPatients: (clinicId: string, q: string, cursor?: string, limit = 25) =>
    api<Page<PatientSummary>>(`${clinic(clinicId)}/patients`, { query: { q: q.trim(), cursor, limit } }),
  patient: (clinicId: string, patientId: string) => api<Patient>(patientPath(clinicId, patientId)),
  createPatient: (clinicId: string, body: PatientCreate) =>
    api<Patient>(`${clinic(clinicId)}/patients`, { body }),
  updatePatient: (clinicId: string, patientId: string, body: PatientPatch) =>
    api<Patient>(patientPath(clinicId, patientId), { method: 'PATCH', body }),
  mergePatient: (clinicId: string, survivorId: string, duplicateId: string, confirmIdentity = false) =>
    api<MergeResult>(`${patientPath(clinicId, survivorId)}/merge`, {
      body: confirmIdentity ? { duplicateId, confirmIdentity } : { duplicateId },
    }),
  chart: (clinicId: string, patientId: string) => api<Chart>(`${patientPath(clinicId, patientId)}/chart`),
  possibleDuplicates: (clinicId: string) =>
    api<{ items: PossibleDuplicate[] }>(`${clinic(clinicId)}/possible-duplicates`),
  possibleDuplicatesOf: (clinicId: string, patientId: string) =>
    api<{ items: PossibleDuplicate[] }>(`${patientPath(clinicId, patientId)}/possible-duplicates`),
  dismissPossibleDuplicate: (clinicId: string, onlineId: string, existingId: string) =>
    api<{ items: PossibleDuplicate[] }>(
      `${patientPath(clinicId, onlineId)}/possible-duplicates/${encodeURIComponent(existingId)}/dismiss`,
      { body: {} },
    ),

  providers: (clinicId: string, q?: string, cursor?: string) =>
    api<Page<Provider>>(`${clinic(clinicId)}/providers`, { query: { q, cursor, limit: 50 } }),
  createProvider: (clinicId: string, body: ProviderInput) =>
    api<Provider>(`${clinic(clinicId)}/providers`, { body }),
  updateProvider: (clinicId: string, providerId: string, body: z.input<typeof providerPatch>) =>
    api<Provider>(`${clinic(clinicId)}/providers/${providerId}`, { method: 'PATCH', body }),
  /** Only a provider named on no referral can go (409 otherwise). */
  removeProvider: (clinicId: string, providerId: string) =>
    api<{ ok: true }>(`${clinic(clinicId)}/providers/${providerId}`, { method: 'DELETE' }),
  inviteProvider: (clinicId: string, providerId: string) =>
    api<Invitation>(`${clinic(clinicId)}/providers/${providerId}/invite`, { method: 'POST' }),

  referrals: (clinicId: string, cursor?: string) =>
    api<Page<Referral>>(`${clinic(clinicId)}/referrals`, { query: { cursor, limit: 50 } }),
  patientReferrals: (clinicId: string, patientId: string) =>
    api<Page<Referral>>(`${patientPath(clinicId, patientId)}/referrals`, { query: { limit: 50 } }),
  createReferral: (clinicId: string, body: ReferralInput) =>
    api<Referral>(`${clinic(clinicId)}/referrals`, { body }),
  savePriorAuthorization: (clinicId: string, referralId: string, body: { number: string | null }) =>
    api<Referral>(`${clinic(clinicId)}/referrals/${referralId}/prior-authorization`, { method: 'PUT', body }),
  saveClaim: (clinicId: string, referralId: string, body: ClaimInput) =>
    api<Claim>(`${clinic(clinicId)}/referrals/${referralId}/claim`, { method: 'PUT', body }),
  icd10: (q: string) =>
    api<{ items: Icd10Entry[]; codeSet: string }>('/api/icd10', { query: { q, limit: 15 } }),

  attachments: (clinicId: string, patientId: string) =>
    api<Page<Attachment>>(`${patientPath(clinicId, patientId)}/attachments`, { query: { limit: 50 } }),
  fromPatients: (clinicId: string, therapistId?: string) =>
    api<{ items: DocumentFromPatient[] }>(`${clinic(clinicId)}/attachments/from-patients`, {
      query: { therapistId },
    }),
  /** Files a document with one of the patient's referrals (null takes it off). */
  fileUnderReferral: (clinicId: string, patientId: string, attachmentId: string, referralId: string | null) =>
    api<Attachment>(`${patientPath(clinicId, patientId)}/attachments/${attachmentId}/referral`, {
      method: 'PUT',
      body: { referralId },
    }),
  downloadUrl: (clinicId: string, patientId: string, attachmentId: string) =>
    `${patientPath(clinicId, patientId)}/attachments/${attachmentId}/download`,

  safety: (clinicId: string, patientId: string) =>
    api<ClinicianSafety | PatientSafety>(`${patientPath(clinicId, patientId)}/safety`),
  /** The safety flags of a therapist's patients on a day (theirs by default), for "Your day". */
  dayFlags: (clinicId: string, query: { date: string; therapistId?: string }) =>
    api<DayFlags>(`${clinic(clinicId)}/safety/flags`, { query }),
  recordClearance: (clinicId: string, patientId: string, body: ClearanceInput) =>
    api<Clearance>(`${patientPath(clinicId, patientId)}/safety/clearances`, { body }),
  revokeClearance: (clinicId: string, patientId: string, clearanceId: string, reason: string) =>
    api<Clearance>(`${patientPath(clinicId, patientId)}/safety/clearances/${clearanceId}/revoke`, {
      body: { reason },
    }),

  questionnaire: () => api<Questionnaire>('/api/intake/questionnaire', { auth: false }),
  intakes: (clinicId: string, patientId: string) =>
    api<Page<IntakeSummary>>(`${patientPath(clinicId, patientId)}/intakes`, { query: { limit: 50 } }),
  openIntake: (clinicId: string, patientId: string) =>
    api<OpenedIntake>(`${patientPath(clinicId, patientId)}/intakes`, { method: 'POST' }),
  saveIntake: (clinicId: string, patientId: string, intakeId: string, answers: AnswersPatch) =>
    api<AutosaveResult>(`${patientPath(clinicId, patientId)}/intakes/${intakeId}/answers`, {
      method: 'PUT',
      body: { answers },
    }),
  submitIntake: (clinicId: string, patientId: string, intakeId: string, answers: AnswersPatch) =>
    api<IntakeResponse>(`${patientPath(clinicId, patientId)}/intakes/${intakeId}/submit`, {
      body: { answers },
    }),
  sendIntakeLink: (clinicId: string, patientId: string, channel: LinkChannel) =>
    api<z.infer<typeof linkResult>>(`${patientPath(clinicId, patientId)}/intake/link`, { body: { channel } }),
  healthHistory: (clinicId: string, patientId: string) =>
    api<HealthHistory>(`${patientPath(clinicId, patientId)}/health-history`),
  confirmNoChange: (clinicId: string, patientId: string, versionId?: string) =>
    api<z.infer<typeof confirmation>>(`${patientPath(clinicId, patientId)}/health-history/confirm`, {
      body: { versionId },
    }),

  linkIntake: (token: string) => api<LinkIntake>(linkPath(token), { auth: false }),
  saveLinkIntake: (token: string, answers: AnswersPatch) =>
    api<AutosaveResult>(`${linkPath(token)}/answers`, { method: 'PUT', body: { answers }, auth: false }),
  submitLinkIntake: (token: string, answers: AnswersPatch) =>
    api<z.infer<typeof linkSubmitResult>>(`${linkPath(token)}/submit`, { body: { answers }, auth: false }),
};

/** The largest upload the server accepts by default (ATTACHMENT_MAX_BYTES); the server has the last word. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const UPLOAD_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];

/** A file check before upload, in plain words (the server checks the content again). */
export function fileProblem(file: File): string | null {
  if (file.size > MAX_UPLOAD_BYTES)
    return `This file is ${(file.size / 1024 / 1024).toFixed(1)} MB: the limit is 10 MB.`;
  if (file.type && !UPLOAD_TYPES.includes(file.type)) return 'Choose a PDF, JPEG or PNG file.';
  return null;
}

/**
 * Uploads one file (multipart/form-data), for a patient, a referral, or through a personal intake link. The
 * JSON client cannot send files, so this calls fetch itself with the session's CSRF token (when signed in).
 */
export async function uploadAttachment(
  target: { clinicId: string; patientId?: string; referralId?: string } | { token: string },
  file: File,
  kind: Attachment['kind'],
  csrfToken: string,
): Promise<Attachment> {
  const base =
    'token' in target
      ? `${linkPath(target.token)}/attachments`
      : target.referralId
        ? `${clinic(target.clinicId)}/referrals/${target.referralId}/attachments`
        : `${patientPath(target.clinicId, target.patientId!)}/attachments`;
  const form = new FormData();
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(`${base}?kind=${kind}`, {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'x-csrf-token': csrfToken },
    });
  } catch {
    throw new ApiError(
      0,
      'network_error',
      'Palpa could not be reached. Check your connection and try again.',
    );
  }
  const data = (await response.json().catch(() => null)) as
    | (Attachment & { error?: { code: string; message: string; details?: unknown } })
    | null;
  if (!response.ok) {
    if (response.status === 413)
      throw new ApiError(413, 'too_large', 'This file is larger than the upload limit (10 MB by default).');
    if (response.status === 415)
      throw new ApiError(415, 'unsupported_media_type', 'Only PDF, JPEG and PNG files can be uploaded.');
    throw new ApiError(
      response.status,
      data?.error?.code ?? 'http_error',
      data?.error?.message ?? `The upload failed (${response.status})`,
      data?.error?.details,
    );
  }
  return data as Attachment;
}
