import { BODY_REGIONS, REGION_GROUPS } from '../../../../src/domain/catalog/body-regions.ts';
import { TECHNIQUES } from '../../../../src/domain/catalog/techniques.ts';
import { SEX_LABELS as SEX_LABELS_BY_VALUE } from '../../../../src/modules/patients/schemas.ts';
import type { Referral } from './api.ts';

/** Words shared by the clinical screens: names, statuses, severities, body sites. */

/** The preferred name first, with pronouns: "Sam Rivera (they/them)". */
export function PatientName({
  patient,
}: {
  patient: { displayName: string; pronouns: string | null; preferredName?: string | null };
}) {
  return (
    <>
      {patient.displayName}
      {patient.pronouns ? <span className="pronouns"> ({patient.pronouns})</span> : null}
    </>
  );
}

/** "Legal name: Samantha Rivera" when the preferred name differs from the legal first name. */
export function legalNameNote(patient: {
  preferredName: string | null;
  legalFirstName: string;
  legalLastName: string;
}): string | null {
  if (!patient.preferredName || patient.preferredName === patient.legalFirstName) return null;
  return `Legal name: ${patient.legalFirstName} ${patient.legalLastName}`;
}

export const SEX_LABELS: Readonly<Record<string, string>> = SEX_LABELS_BY_VALUE;

export { SEVERITY } from './severity.ts';

export const REFERRAL_STATUS: Record<Referral['status'], { label: string; tone: string }> = {
  pending: { label: 'Not yet valid', tone: 'info' },
  active: { label: 'Active', tone: 'success' },
  expiring_soon: { label: 'Expiring soon', tone: 'warning' },
  expired: { label: 'Expired', tone: 'danger' },
  visits_exhausted: { label: 'Visits exhausted', tone: 'danger' },
  superseded: { label: 'Superseded', tone: 'muted' },
};

export function ReferralStatusBadge({ referral }: { referral: Referral }) {
  const status = REFERRAL_STATUS[referral.status];
  return <span className={`badge badge-${status.tone}`}>{status.label}</span>;
}

/** "Lee Chen, DO": who referred, with credentials unless the name already carries them. */
export function referrerName(provider: NonNullable<Referral['provider']>): string {
  const { displayName, credentials } = provider;
  return credentials && !displayName.includes(',') ? `${displayName}, ${credentials}` : displayName;
}

/** "3 of 12 visits used, 5 booked"; "6 visits used, 2 over the 4 authorised" (in visits-text.ts, for its tests). */
export { visitsText } from './visits-text.ts';

const siteLabels = new Map<string, string>([
  ...REGION_GROUPS.map((g) => [g.id, g.label] as const),
  ...BODY_REGIONS.map((r) => [r.id, r.label] as const),
]);
export const siteName = (id: string) => siteLabels.get(id) ?? id;

const techniqueLabels = new Map<string, string>(TECHNIQUES.map((t) => [t.id, t.name]));
export const techniqueName = (id: string) => techniqueLabels.get(id) ?? id.replaceAll('-', ' ');

export const PROVIDER_KIND_LABELS: Record<string, string> = {
  physician: 'Physician',
  chiropractor: 'Chiropractor',
  physical_therapist: 'Physical therapist',
  other: 'Other',
};

/** Today's date in a time zone, YYYY-MM-DD. */
export function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

/** Age in whole years on a date (both YYYY-MM-DD). */
export function ageOn(dateOfBirth: string, today: string): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
}

export const formatBytes = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
