import type { z } from 'zod';
import type {
  credential,
  credentialInput,
  LicenceAlert,
} from '../../../../src/modules/credentials/schemas.ts';
import type {
  ClinicProfile,
  ClinicProfileInput,
  TherapistProfile,
  TherapistProfileInput,
} from '../../../../src/modules/directory/schemas.ts';
import type { moderationEntry, report, staffReview } from '../../../../src/modules/reviews/schemas.ts';
import { api } from '../../api/client.ts';

export type Credential = z.infer<typeof credential>;
export type StaffReview = z.infer<typeof staffReview>;
export type Report = z.infer<typeof report>;
export type ModerationEntry = z.infer<typeof moderationEntry>;

const clinic = (clinicId: string) => `/api/clinics/${encodeURIComponent(clinicId)}`;

/** The directory, credentials and reviews calls of the staff pages. */
export const directoryApi = {
  clinicProfile: (clinicId: string) =>
    api<{ profile: ClinicProfile | null }>(`${clinic(clinicId)}/directory/profile`),
  saveClinicProfile: (clinicId: string, body: Partial<ClinicProfileInput>) =>
    api<ClinicProfile>(`${clinic(clinicId)}/directory/profile`, { method: 'PUT', body }),
  therapists: (clinicId: string) =>
    api<{ items: TherapistProfile[] }>(`${clinic(clinicId)}/directory/therapists`),
  saveTherapist: (clinicId: string, therapistId: string, body: Partial<TherapistProfileInput>) =>
    api<TherapistProfile>(`${clinic(clinicId)}/directory/therapists/${therapistId}`, { method: 'PUT', body }),
  therapistPhoto: (clinicId: string, therapistId: string, dataBase64: string) =>
    api<TherapistProfile>(`${clinic(clinicId)}/directory/therapists/${therapistId}/photo`, {
      method: 'PUT',
      body: { dataBase64 },
    }),
  credentials: (clinicId: string) => api<{ items: Credential[] }>(`${clinic(clinicId)}/credentials`),
  warnings: (clinicId: string) => api<{ items: Credential[] }>(`${clinic(clinicId)}/credentials/warnings`),
  licenceAlerts: (clinicId: string) =>
    api<{ items: LicenceAlert[] }>(`${clinic(clinicId)}/credentials/licence-alerts`),
  addCredential: (clinicId: string, body: z.input<typeof credentialInput>) =>
    api<Credential>(`${clinic(clinicId)}/credentials`, { body }),
  verifyCredential: (clinicId: string, id: string) =>
    api<Credential>(`${clinic(clinicId)}/credentials/${id}/verify`, { method: 'POST' }),
  reviews: (clinicId: string) => api<{ items: StaffReview[] }>(`${clinic(clinicId)}/reviews`),
  reply: (clinicId: string, reviewId: string, body: string) =>
    api<StaffReview>(`${clinic(clinicId)}/reviews/${reviewId}/reply`, { method: 'PUT', body: { body } }),
  report: (clinicId: string, reviewId: string, reason: string) =>
    api<{ id: string }>(`${clinic(clinicId)}/reviews/${reviewId}/report`, { body: { reason } }),
  queue: (clinicId: string) => api<{ items: Report[] }>(`${clinic(clinicId)}/moderation`),
  decide: (clinicId: string, reportId: string, body: { decision: 'keep' | 'hide'; reason: string }) =>
    api<ModerationEntry>(`${clinic(clinicId)}/moderation/${reportId}/decision`, { body }),
};

export const fileToBase64 = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
