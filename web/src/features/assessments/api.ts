import type { z } from 'zod';
import type {
  AssessmentContent,
  AssessmentDraftPatch,
  assessment,
  assessmentCreate,
  assessmentSummary,
} from '../../../../src/modules/assessments/schemas.ts';
import { api, type SaveOptions } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import { patientPath } from '../body-chart/api.ts';

export type Assessment = z.infer<typeof assessment>;
export type AssessmentSummary = z.infer<typeof assessmentSummary>;
export type { AssessmentContent, AssessmentDraftPatch };

const path = (clinicId: string, patientId: string, id?: string) =>
  `${patientPath(clinicId, patientId)}/assessments${id ? `/${encodeURIComponent(id)}` : ''}`;

export const assessmentsApi = {
  list: (clinicId: string, patientId: string) =>
    api<Page<AssessmentSummary>>(path(clinicId, patientId), { query: { limit: 50 } }),
  get: (clinicId: string, patientId: string, id: string) => api<Assessment>(path(clinicId, patientId, id)),
  create: (clinicId: string, patientId: string, body: z.input<typeof assessmentCreate>) =>
    api<Assessment>(path(clinicId, patientId), { body }),
  save: (
    clinicId: string,
    patientId: string,
    id: string,
    content: AssessmentDraftPatch,
    options: SaveOptions = {},
  ) => api<Assessment>(path(clinicId, patientId, id), { method: 'PUT', body: { content }, ...options }),
  /** Author only, drafts only (a signed assessment answers 409). */
  discard: (clinicId: string, patientId: string, id: string) =>
    api<null>(path(clinicId, patientId, id), { method: 'DELETE' }),
  sign: (clinicId: string, patientId: string, id: string, typedName: string) =>
    api<Assessment>(`${path(clinicId, patientId, id)}/sign`, { body: { typedName } }),
  amend: (clinicId: string, patientId: string, id: string, reason: string, changes: AssessmentContent) =>
    api<Assessment>(`${path(clinicId, patientId, id)}/amendments`, { body: { reason, changes } }),
  addendum: (clinicId: string, patientId: string, id: string, text: string) =>
    api<Assessment>(`${path(clinicId, patientId, id)}/addenda`, { body: { text } }),
};
