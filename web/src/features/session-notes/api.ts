import type { z } from 'zod';
import type {
  billing,
  CARRY_OVER_FIELDS,
  NoteContent,
  NoteDraftPatch,
  noteCreate,
  noteTemplate,
  overrideList,
  sessionNote,
  sessionNoteSummary,
} from '../../../../src/modules/session-notes/schemas.ts';
import { api, type SaveOptions } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import { patientPath } from '../body-chart/api.ts';

export type SessionNote = z.infer<typeof sessionNote>;
export type SessionNoteSummary = z.infer<typeof sessionNoteSummary>;
export type NoteTemplate = z.infer<typeof noteTemplate>;
export type Billing = z.infer<typeof billing>;
export type NoteOverride = NonNullable<SessionNote['contraindicationOverride']>;
export type OverrideList = z.infer<typeof overrideList>;
export type CarryOverField = (typeof CARRY_OVER_FIELDS)[number];
export type { NoteContent, NoteDraftPatch };

const path = (clinicId: string, patientId: string, id?: string) =>
  `${patientPath(clinicId, patientId)}/notes${id ? `/${encodeURIComponent(id)}` : ''}`;

export const notesApi = {
  list: (clinicId: string, patientId: string) =>
    api<Page<SessionNoteSummary>>(path(clinicId, patientId), { query: { limit: 50 } }),
  get: (clinicId: string, patientId: string, id: string) => api<SessionNote>(path(clinicId, patientId, id)),
  create: (
    clinicId: string,
    patientId: string,
    from: 'blank' | 'last' | 'template',
    body: z.input<typeof noteCreate>,
  ) => api<SessionNote>(path(clinicId, patientId), { body, query: { from } }),
  save: (
    clinicId: string,
    patientId: string,
    id: string,
    body: { content?: NoteDraftPatch; confirmCarriedOver?: CarryOverField[] },
    options: SaveOptions = {},
  ) => api<SessionNote>(path(clinicId, patientId, id), { method: 'PUT', body, ...options }),
  /** With `overrideReason`: treatment given despite a contraindication, signed with the reason why. */
  sign: (clinicId: string, patientId: string, id: string, typedName: string, overrideReason?: string) =>
    api<SessionNote>(`${path(clinicId, patientId, id)}/sign`, {
      body: {
        typedName,
        ...(overrideReason ? { contraindicationOverride: { reason: overrideReason } } : {}),
      },
    }),
  /** With `overrideReason`: corrected treatment given despite a contraindication, with the reason why. */
  amend: (
    clinicId: string,
    patientId: string,
    id: string,
    reason: string,
    changes: NoteContent,
    overrideReason?: string,
  ) =>
    api<SessionNote>(`${path(clinicId, patientId, id)}/amendments`, {
      body: {
        reason,
        changes,
        ...(overrideReason ? { contraindicationOverride: { reason: overrideReason } } : {}),
      },
    }),
  addendum: (clinicId: string, patientId: string, id: string, text: string) =>
    api<SessionNote>(`${path(clinicId, patientId, id)}/addenda`, { body: { text } }),
  discard: (clinicId: string, patientId: string, id: string) =>
    api<null>(path(clinicId, patientId, id), { method: 'DELETE' }),
  templates: () => api<{ items: NoteTemplate[] }>('/api/session-note-templates'),
  /** Treatment given despite a contraindication, newest first: the clinic's for the owner (audited read). */
  overrides: (clinicId: string, query: { since?: string; limit?: number } = {}) =>
    api<OverrideList>(`/api/clinics/${encodeURIComponent(clinicId)}/safety/overrides`, { query }),
};
