import type { z } from 'zod';
import type {
  AdministrationView,
  administrationBody,
  InstrumentDefinitionView,
  licensedTextBody,
  licensedTextView,
} from '../../../../src/modules/outcome-measures/schemas.ts';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import { patientPath } from '../body-chart/api.ts';

export type Instrument = InstrumentDefinitionView;
export type Administration = AdministrationView;
export type AdministrationInput = z.input<typeof administrationBody>;
export type LicensedTextInput = z.input<typeof licensedTextBody>;

const clinicPath = (clinicId: string) => `/api/clinics/${encodeURIComponent(clinicId)}`;

export const outcomesApi = {
  instruments: (clinicId: string) =>
    api<{ items: Instrument[] }>(`${clinicPath(clinicId)}/outcome-instruments`),
  administer: (clinicId: string, patientId: string, body: AdministrationInput) =>
    api<Administration>(`${patientPath(clinicId, patientId)}/outcomes`, { body }),
  list: (clinicId: string, patientId: string, instrumentId?: string) =>
    api<Page<Administration>>(`${patientPath(clinicId, patientId)}/outcomes`, {
      query: { instrumentId, limit: 200 },
    }),
  loadLicensedText: (clinicId: string, instrumentId: string, body: LicensedTextInput) =>
    api<z.infer<typeof licensedTextView>>(
      `${clinicPath(clinicId)}/outcome-instruments/${encodeURIComponent(instrumentId)}/licensed-text`,
      { method: 'PUT', body },
    ),
};
