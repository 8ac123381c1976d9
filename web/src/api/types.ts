import type { z } from 'zod';
import type { auditEvent } from '../../../src/modules/audit/schemas.ts';
import type { loginResponse, Me } from '../../../src/modules/auth/schemas.ts';
import type { clinicSettings, location } from '../../../src/modules/clinics/schemas.ts';
import type { invitation, invitationPreview } from '../../../src/modules/invitations/schemas.ts';
import type { Member } from '../../../src/modules/members/schemas.ts';
import type { ROLE_VALUES } from '../../../src/platform/schemas.ts';

/** API shapes, inferred from the server's own Zod schemas so the two cannot drift apart. */
export type { Me, Member };
export type Role = (typeof ROLE_VALUES)[number];
export type MeClinic = Me['clinics'][number];
/** Sign-in answers the session's CSRF token (for `mfa_required`, the one the second-factor step needs). */
export type LoginResponse = z.infer<typeof loginResponse>;
export type ClinicSettings = z.infer<typeof clinicSettings>;
export type Location = z.infer<typeof location>;
export type Invitation = z.infer<typeof invitation>;
export type InvitationPreview = z.infer<typeof invitationPreview>;
export type AuditEvent = z.infer<typeof auditEvent>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface OutboxMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
  sentAt: string | null;
  lastError: string | null;
  attachments: { filename: string; contentType: string; content: string }[];
}

export interface ApiToken {
  id: string;
  name: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  front_desk: 'Front desk',
  therapist: 'Therapist',
  physician: 'Referring physician',
  patient: 'Patient',
};
