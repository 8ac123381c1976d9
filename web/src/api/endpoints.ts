import type { z } from 'zod';
import type { auditQuery } from '../../../src/modules/audit/schemas.ts';
import type { changePasswordBody } from '../../../src/modules/auth/schemas.ts';
import type { clinicSettingsPatch, locationInput } from '../../../src/modules/clinics/schemas.ts';
import type { acceptBody, invitationInput } from '../../../src/modules/invitations/schemas.ts';
import type { SetupBody } from '../../../src/modules/setup/schemas.ts';
import { api } from './client.ts';
import type {
  ApiToken,
  AuditEvent,
  ClinicSettings,
  Invitation,
  InvitationPreview,
  Location,
  LoginResponse,
  Me,
  Member,
  OutboxMessage,
  Page,
  Role,
} from './types.ts';

const clinic = (clinicId: string) => `/api/clinics/${encodeURIComponent(clinicId)}`;
export type AuditFilters = z.input<typeof auditQuery>;

/** Every API call the web app makes, typed. Grouped as the server groups its modules. */
export const endpoints = {
  setupStatus: () => api<{ needed: boolean }>('/api/setup', { auth: false }),
  setup: (body: SetupBody) => api<{ clinicId: string }>('/api/setup', { body, auth: false }),

  me: () => api<Me>('/api/me', { auth: false }),
  login: (body: { email: string; password: string }) =>
    api<LoginResponse>('/api/auth/login', { body, auth: false }),
  askPasswordReset: (body: { email: string }) =>
    api<{ ok: true }>('/api/auth/password-reset', { body, auth: false }),
  resetPassword: (body: { token: string; password: string }) =>
    api<{ ok: true }>('/api/auth/password-reset/complete', { body, auth: false }),
  secondFactor: (body: { code?: string; recoveryCode?: string }) =>
    api<LoginResponse>('/api/auth/login/second-factor', { body, auth: false }),
  logout: () => api<{ ok: true }>('/api/auth/logout', { method: 'POST', auth: false }),
  logoutEverywhere: () => api<{ revokedSessions: number }>('/api/auth/logout-everywhere', { method: 'POST' }),
  changePassword: (body: z.output<typeof changePasswordBody>) =>
    api<{ ok: true }>('/api/auth/password', { body }),
  totpSetup: () => api<{ secret: string; otpauthUri: string }>('/api/auth/2fa/setup', { method: 'POST' }),
  totpEnable: (code: string) => api<{ recoveryCodes: string[] }>('/api/auth/2fa/enable', { body: { code } }),
  recoveryCodes: (password: string) =>
    api<{ recoveryCodes: string[] }>('/api/auth/2fa/recovery-codes', { body: { password } }),
  totpDisable: (password: string) => api<{ ok: true }>('/api/auth/2fa/disable', { body: { password } }),

  clinicSettings: (clinicId: string) => api<ClinicSettings>(clinic(clinicId)),
  updateClinic: (clinicId: string, body: z.output<typeof clinicSettingsPatch>) =>
    api<ClinicSettings>(clinic(clinicId), { method: 'PATCH', body }),
  locations: (clinicId: string) => api<{ items: Location[] }>(`${clinic(clinicId)}/locations`),
  addLocation: (clinicId: string, body: z.output<typeof locationInput>) =>
    api<Location>(`${clinic(clinicId)}/locations`, { body }),
  updateLocation: (clinicId: string, locationId: string, body: z.output<typeof locationInput>) =>
    api<Location>(`${clinic(clinicId)}/locations/${locationId}`, { method: 'PUT', body }),

  members: (clinicId: string, cursor?: string) =>
    api<Page<Member>>(`${clinic(clinicId)}/members`, { query: { cursor, limit: 200 } }),
  setRoles: (clinicId: string, userId: string, roles: Role[]) =>
    api<{ roles: Role[] }>(`${clinic(clinicId)}/members/${userId}/roles`, { method: 'PUT', body: { roles } }),
  removeMember: (clinicId: string, userId: string) =>
    api<{ ok: true }>(`${clinic(clinicId)}/members/${userId}/disable`, { method: 'POST' }),

  invitations: (clinicId: string) =>
    api<Page<Invitation>>(`${clinic(clinicId)}/invitations`, { query: { limit: 100 } }),
  invite: (clinicId: string, body: z.output<typeof invitationInput>) =>
    api<Invitation>(`${clinic(clinicId)}/invitations`, { body }),
  withdrawInvitation: (clinicId: string, invitationId: string) =>
    api<Invitation>(`${clinic(clinicId)}/invitations/${invitationId}`, { method: 'DELETE' }),
  previewInvitation: (token: string) =>
    api<InvitationPreview>(`/api/invitations/${encodeURIComponent(token)}`, { auth: false }),
  acceptInvitation: (token: string, body: z.output<typeof acceptBody>) =>
    api<{ clinicId: string; role: Role }>(`/api/invitations/${encodeURIComponent(token)}/accept`, {
      body,
      auth: false,
    }),

  audit: (clinicId: string, filters: AuditFilters, cursor?: string) =>
    api<Page<AuditEvent>>(`${clinic(clinicId)}/audit`, { query: { ...filters, cursor, limit: 50 } }),
  outbox: (clinicId: string, cursor?: string) =>
    api<Page<OutboxMessage>>(`${clinic(clinicId)}/outbox`, { query: { cursor, limit: 50 } }),

  tokens: (clinicId: string) => api<{ items: ApiToken[] }>(`${clinic(clinicId)}/tokens`),
  createToken: (clinicId: string, body: { name: string; scopes: string[]; expiresInDays?: number }) =>
    api<ApiToken & { token: string }>(`${clinic(clinicId)}/tokens`, { body }),
  revokeToken: (clinicId: string, tokenId: string) =>
    api<ApiToken>(`${clinic(clinicId)}/tokens/${tokenId}`, { method: 'DELETE' }),
};

export const auditCsvUrl = (clinicId: string, filters: AuditFilters) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, String(value));
  const search = params.toString();
  return `${clinic(clinicId)}/audit.csv${search ? `?${search}` : ''}`;
};
