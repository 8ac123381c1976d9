import type { z } from 'zod';
import type {
  changeRequest,
  homeCareLibrary,
  PlanInput,
  plan,
  planDraft,
  planDrafts,
  planInput,
  planScreening,
  planToSign,
  planVersion,
} from '../../../../src/modules/plans/schemas.ts';
import { api, type SaveOptions } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import { patientPath } from '../body-chart/api.ts';

export type Plan = z.infer<typeof plan>;
export type PlanVersion = z.infer<typeof planVersion>;
export type PlanToSign = z.infer<typeof planToSign>;
/** A physician's open answer "changes needed" to the current version. */
export type PlanChangeRequest = z.infer<typeof changeRequest>;
export type PlanBody = z.input<typeof planInput>;
export type PlanDraft = z.infer<typeof planDraft>;
export type HomeCareLibrary = z.infer<typeof homeCareLibrary>;
/** The current version screened today against the patient's health and clearances (home-care heat and cold too). */
export type PlanScreening = z.infer<typeof planScreening>;
export type { PlanInput };

/** A finding in the 422 details of a plan save (contraindicated / precautions_unacknowledged). */
export interface ScreeningFinding {
  key: string;
  ruleId: string;
  subject: string;
  severity: string;
  restriction: string;
  message: string;
  clearancePolicy: string;
  /** The physician's standing answer “not cleared”, if any. */
  declined: PlanScreening['findings'][number]['declined'];
  conflicts: { technique: string; regions: string[]; because: string; pressure: string }[];
  /** The home-care advice it rules out (heat or cold applied at home). */
  homeCare: { id: string; title: string }[];
}

const path = (clinicId: string, patientId: string, id?: string) =>
  `${patientPath(clinicId, patientId)}/plans${id ? `/${encodeURIComponent(id)}` : ''}`;

export const plansApi = {
  list: (clinicId: string, patientId: string) =>
    api<Page<Plan>>(path(clinicId, patientId), { query: { limit: 20 } }),
  get: (clinicId: string, patientId: string, id: string) => api<Plan>(path(clinicId, patientId, id)),
  version: (clinicId: string, patientId: string, id: string, version: number) =>
    api<PlanVersion>(`${path(clinicId, patientId, id)}/versions/${version}`),
  create: (clinicId: string, patientId: string, body: PlanBody) =>
    api<Plan>(path(clinicId, patientId), { body }),
  update: (clinicId: string, patientId: string, id: string, body: PlanBody) =>
    api<Plan>(path(clinicId, patientId, id), { method: 'PUT', body }),
  /** The signed-in physician's plans whose current version awaits their signature. */
  toSign: (clinicId: string) =>
    api<{ items: PlanToSign[] }>(`/api/clinics/${encodeURIComponent(clinicId)}/physician/plans-to-sign`),
  /** The current version screened today: what the physician reads before signing. */
  screening: (clinicId: string, patientId: string, id: string) =>
    api<PlanScreening>(`${path(clinicId, patientId, id)}/screening`),
  /** The referring physician certifies the plan's current version (a changed plan answers 409). */
  sign: (clinicId: string, patientId: string, id: string, typedName: string, version: number) =>
    api<Plan>(`${path(clinicId, patientId, id)}/physician-signature`, { body: { typedName, version } }),
  /** The referring physician answers the current version "changes needed", with their reason, instead of signing. */
  requestChanges: (clinicId: string, patientId: string, id: string, reason: string, version: number) =>
    api<Plan>(`${path(clinicId, patientId, id)}/change-requests`, { body: { reason, version } }),
  library: () => api<HomeCareLibrary>('/api/home-care-library'),
  /** The signed-in author's autosaved drafts for the patient: of a new plan (`planId` null) or a new version. */
  drafts: (clinicId: string, patientId: string) =>
    api<z.infer<typeof planDrafts>>(`${patientPath(clinicId, patientId)}/plan-drafts`),
  saveDraft: (
    clinicId: string,
    patientId: string,
    planId: string | undefined,
    content: unknown,
    options: SaveOptions = {},
  ) =>
    api<PlanDraft>(`${patientPath(clinicId, patientId)}/plan-draft`, {
      method: 'PUT',
      body: { planId, content },
      ...options,
    }),
  discardDraft: (clinicId: string, patientId: string, planId?: string) =>
    api<null>(`${patientPath(clinicId, patientId)}/plan-draft`, { method: 'DELETE', query: { planId } }),
};
