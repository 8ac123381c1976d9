import type { z } from 'zod';
import type {
  waitlistBody,
  waitlistEntry,
  waitlistList,
  waitlistOfferBody,
  waitlistOfferMade,
} from '../../../src/modules/appointments/schemas.ts';
import { api } from './client.ts';

/** The waiting list as staff manage it: everyone waiting, with names and the latest offer. */
export type WaitlistItem = z.infer<typeof waitlistList>['items'][number];
export type WaitlistStatus = WaitlistItem['status'];

const base = (clinicId: string) => `/api/clinics/${encodeURIComponent(clinicId)}/waitlist`;

export const waitlist = {
  list: (clinicId: string, status: WaitlistStatus) =>
    api<z.infer<typeof waitlistList>>(base(clinicId), { query: { status } }),
  add: (clinicId: string, body: z.output<typeof waitlistBody>) =>
    api<z.infer<typeof waitlistEntry>>(base(clinicId), { body }),
  remove: (clinicId: string, entryId: string) =>
    api<z.infer<typeof waitlistEntry>>(`${base(clinicId)}/${encodeURIComponent(entryId)}`, {
      method: 'DELETE',
    }),
  /** The desk offers a waiting patient a time by hand; they are e-mailed a link to accept it if they have an address. */
  offer: (clinicId: string, entryId: string, body: z.output<typeof waitlistOfferBody>) =>
    api<z.infer<typeof waitlistOfferMade>>(`${base(clinicId)}/${encodeURIComponent(entryId)}/offers`, {
      body,
    }),
};
