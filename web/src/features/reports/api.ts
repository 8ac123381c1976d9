import type { z } from 'zod';
import type { clinicOutcomes } from '../../../../src/modules/analytics/schemas.ts';
import type { disclosureList } from '../../../../src/modules/disclosures/schemas.ts';
import type {
  homeCareLogBody,
  homeCareLogEntry,
  homeCareLogView,
} from '../../../../src/modules/home-care-log/schemas.ts';
import type { portalProgress, progressView } from '../../../../src/modules/progress/schemas.ts';
import type {
  extensionBody,
  recordsRequestCreate,
  recordsRequestView,
} from '../../../../src/modules/records-requests/schemas.ts';
import type {
  physicianReportItem,
  RECOMMENDATIONS,
  REPORT_KINDS,
  reportSummary,
  reportUpdate,
  reportView,
  sentOutsideCreate,
} from '../../../../src/modules/reports/schemas.ts';
import { api, type SaveOptions } from '../../api/client.ts';

/** API calls of the reports, progress, portal, records-request and analytics pages. */
export type Report = z.infer<typeof reportView>;
export type ReportSummary = z.infer<typeof reportSummary>;
export type PhysicianReport = z.infer<typeof physicianReportItem>;
export type ReportKind = (typeof REPORT_KINDS)[number];
export type Recommendation = (typeof RECOMMENDATIONS)[number];
export type Progress = z.infer<typeof progressView>;
export type PortalProgress = z.infer<typeof portalProgress>;
export type HomeCareLog = z.infer<typeof homeCareLogView>;
export type HomeCareLogEntry = z.infer<typeof homeCareLogEntry>;
export type Disclosures = z.infer<typeof disclosureList>;
export type RecordsRequest = z.infer<typeof recordsRequestView>;
export type ClinicOutcomes = z.infer<typeof clinicOutcomes>;

const clinic = (clinicId: string) => `/api/clinics/${encodeURIComponent(clinicId)}`;
export const patientPath = (clinicId: string, patientId: string) =>
  `${clinic(clinicId)}/patients/${encodeURIComponent(patientId)}`;
export const reportFile = (clinicId: string, patientId: string, reportId: string, format: 'pdf' | 'html') =>
  `${patientPath(clinicId, patientId)}/reports/${encodeURIComponent(reportId)}/${format}`;
export const recordFile = (clinicId: string, patientId: string, format: 'pdf' | 'fhir.json') =>
  `${patientPath(clinicId, patientId)}/record.${format}`;
export const requestFile = (clinicId: string, requestId: string, format: 'pdf' | 'fhir.json') =>
  `${clinic(clinicId)}/records-requests/${encodeURIComponent(requestId)}/export.${format}`;
export const analyticsCsv = (clinicId: string, from: string, to: string) =>
  `${clinic(clinicId)}/analytics/outcomes.csv?from=${from}&to=${to}`;

export const reportsApi = {
  list: (clinicId: string, patientId: string) =>
    api<{ items: ReportSummary[] }>(`${patientPath(clinicId, patientId)}/reports`),
  create: (clinicId: string, patientId: string, body: { kind: ReportKind; referralId?: string }) =>
    api<Report>(`${patientPath(clinicId, patientId)}/reports`, { body }),
  get: (clinicId: string, patientId: string, reportId: string) =>
    api<Report>(`${patientPath(clinicId, patientId)}/reports/${encodeURIComponent(reportId)}`),
  byId: (clinicId: string, reportId: string) =>
    api<Report>(`${clinic(clinicId)}/reports/${encodeURIComponent(reportId)}`),
  /** Saves the changed text fields and recommendation of a draft (autosave: the server merges them). */
  update: (
    clinicId: string,
    patientId: string,
    reportId: string,
    body: z.input<typeof reportUpdate>,
    options: SaveOptions = {},
  ) =>
    api<Report>(`${patientPath(clinicId, patientId)}/reports/${encodeURIComponent(reportId)}`, {
      method: 'PUT',
      body,
      ...options,
    }),
  /** Author only, drafts only (a signed report answers 409). */
  discard: (clinicId: string, patientId: string, reportId: string) =>
    api<null>(`${patientPath(clinicId, patientId)}/reports/${encodeURIComponent(reportId)}`, {
      method: 'DELETE',
    }),
  sign: (clinicId: string, patientId: string, reportId: string, typedName: string) =>
    api<Report>(`${patientPath(clinicId, patientId)}/reports/${encodeURIComponent(reportId)}/sign`, {
      body: { typedName },
    }),
  /** Records a signed report faxed, posted or handed to a provider outside Palpa (a disclosure). */
  sentOutside: (
    clinicId: string,
    patientId: string,
    reportId: string,
    body: z.input<typeof sentOutsideCreate>,
  ) =>
    api<Report>(`${patientPath(clinicId, patientId)}/reports/${encodeURIComponent(reportId)}/sent-outside`, {
      body,
    }),
  physicianList: (clinicId: string) =>
    api<{ items: PhysicianReport[] }>(`${clinic(clinicId)}/physician/reports`),
  progress: (clinicId: string, patientId: string) =>
    api<Progress>(`${patientPath(clinicId, patientId)}/progress`),
  portalProgress: (clinicId: string, patientId: string) =>
    api<PortalProgress>(`${patientPath(clinicId, patientId)}/portal/progress`),
  homeCareLog: (clinicId: string, patientId: string) =>
    api<HomeCareLog>(`${patientPath(clinicId, patientId)}/home-care/log`),
  logExercise: (clinicId: string, patientId: string, body: z.input<typeof homeCareLogBody>) =>
    api<HomeCareLogEntry>(`${patientPath(clinicId, patientId)}/home-care/log`, { body }),
  undoLog: (clinicId: string, patientId: string, entryId: string) =>
    api<null>(`${patientPath(clinicId, patientId)}/home-care/log/${encodeURIComponent(entryId)}`, {
      method: 'DELETE',
    }),
  disclosures: (clinicId: string, patientId: string) =>
    api<Disclosures>(`${patientPath(clinicId, patientId)}/disclosures`),
  requests: (clinicId: string, status: 'open' | 'fulfilled' | 'all') =>
    api<{ items: RecordsRequest[] }>(`${clinic(clinicId)}/records-requests`, { query: { status } }),
  createRequest: (clinicId: string, body: z.input<typeof recordsRequestCreate>) =>
    api<RecordsRequest>(`${clinic(clinicId)}/records-requests`, { body }),
  extendRequest: (clinicId: string, requestId: string, body: z.input<typeof extensionBody>) =>
    api<RecordsRequest>(`${clinic(clinicId)}/records-requests/${encodeURIComponent(requestId)}/extension`, {
      body,
    }),
  fulfilRequest: (clinicId: string, requestId: string) =>
    api<RecordsRequest>(`${clinic(clinicId)}/records-requests/${encodeURIComponent(requestId)}/fulfil`, {
      body: {},
    }),
  outcomes: (clinicId: string, from: string, to: string) =>
    api<ClinicOutcomes>(`${clinic(clinicId)}/analytics/outcomes`, { query: { from, to } }),
};

export const GOAL_STATUS_LABELS: Record<string, string> = {
  met: 'Met',
  progressing: 'Progressing',
  'no-change': 'No change',
  regressed: 'Regressed',
  'not-assessed': 'Not assessed',
};
