import { useQuery } from '@tanstack/react-query';
import { Fragment, useEffect, useRef } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import type { AppointmentsChartSection } from '../../../../src/modules/appointments/schemas.ts';
import { useClinic } from '../../app/session.tsx';
import { formatDay } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { LiveMessage, LoadError, Loading } from '../../components/Status.tsx';
import type { ClinicalChartSection } from '../body-chart/api.ts';
import {
  type Attachment,
  type ChartClaim,
  clinical,
  type IntakeChart,
  type Referral,
  type SafetyChart,
} from '../patients/api.ts';
import { legalNameNote, SEX_LABELS } from '../patients/labels.tsx';
import { MergePanel } from '../patients/MergePanel.tsx';
import { mergeTarget } from '../patients/possible-duplicates.ts';
import { ClinicalSection } from '../todo/ClinicalSection.tsx';
import { AppointmentsSection } from './AppointmentsSection.tsx';
import { ClearancesSection } from './ClearancesSection.tsx';
import { ComfortNote } from './ComfortNote.tsx';
import { DocumentsSection } from './DocumentsSection.tsx';
import { languageName } from './language.ts';
import { PortalInvitation } from './PortalInvitation.tsx';
import { PossibleDuplicateBanner } from './PossibleDuplicateBanner.tsx';
import { SafetyHeader } from './SafetyHeader.tsx';
import { goToSection } from './section-link.ts';
import { GenericSection, IntakeSection, ReferralsSection } from './sections.tsx';
import '../patients/clinical.css';
import { PaymentsSection } from '../payments/PaymentsSection.tsx';
import { PhysicianAccessSection } from './PhysicianAccessSection.tsx';

const KNOWN = new Set(['flags', 'referrals', 'intake', 'documents']);

/**
 * The patient chart: a header with the safety flags always visible, then the sections the chart API returns
 * (referrals, intake, documents, clearances), and any section a later capability adds, drawn generically.
 * `physician`: the physician portal's view of a linked patient (no staff actions).
 */
export function ChartPage({ mode = 'staff' }: { mode?: 'staff' | 'physician' }) {
  const clinic = useClinic();
  const { patientId = '' } = useParams();
  const location = useLocation();
  const notice = (location.state as { notice?: string } | null)?.notice ?? null;
  const roles = clinic.roles;
  const canClinical = roles.some((r) => r === 'owner' || r === 'therapist' || r === 'physician');
  const canWrite =
    mode === 'staff' && roles.some((r) => r === 'owner' || r === 'front_desk' || r === 'therapist');
  const canClear = roles.some((r) => r === 'owner' || r === 'therapist' || r === 'physician');

  const chart = useQuery({
    queryKey: ['chart', clinic.id, patientId],
    queryFn: () => clinical.chart(clinic.id, patientId),
  });
  const patient = useQuery({
    queryKey: ['patient', clinic.id, patientId],
    queryFn: () => clinical.patient(clinic.id, patientId),
  });
  const safety = useQuery({
    queryKey: ['safety', clinic.id, patientId],
    queryFn: () => clinical.safety(clinic.id, patientId),
    enabled: canClinical,
  });
  const refresh = () => {
    void chart.refetch();
    void patient.refetch();
    if (canClinical) void safety.refetch();
  };
  // A link to a section (e.g. /balances → #section-payments, a physician's clearance request →
  // #section-clearances) opens the chart there once that section is drawn: some wait for their own data (the
  // clearances for the safety view), so every render looks again until it is found, then never again.
  const reached = useRef<string | null>(null);
  useEffect(() => {
    if (!location.hash || reached.current === location.key) return;
    if (goToSection(document, location.hash)) reached.current = location.key;
  });

  if (chart.isPending) return <Loading />;
  if (chart.isError)
    return (
      <Page title="Patient chart">
        <LoadError error={chart.error} retry={() => chart.refetch()} />
      </Page>
    );
  const { header, sections } = chart.data;
  const section = (id: string) => sections.find((s) => s.id === id);
  const flags = section('flags');
  const intake = section('intake');
  const referrals = section('referrals');
  const latestReferrer =
    ((referrals?.data as Referral[] | null) ?? []).find((r) => r.provider)?.provider?.id ?? null;
  const claims = section('claims');
  const documents = (section('documents')?.data as Attachment[] | null) ?? [];
  const record = patient.data;
  const legal = legalNameNote(header);
  const base = mode === 'physician' ? '/physician' : '';
  // "Review and merge" on a possible duplicate opens the merge panel with the online record chosen.
  const mergeWith = mergeTarget(location.search, header.id);

  return (
    <Page
      title={header.displayName}
      actions={
        mode === 'physician' ? (
          <>
            <Link className="button button-secondary" to={`/physician/patients/${header.id}/progress`}>
              Progress
            </Link>
            <Link className="button button-secondary" to={`/physician/reports?patient=${header.id}`}>
              Reports
            </Link>
            <Link className="button" to={`/physician/referrals/new?patientId=${header.id}`}>
              New e-referral
            </Link>
          </>
        ) : canClinical ? (
          <>
            <Link className="button button-secondary" to={`/patients/${header.id}/progress`}>
              Progress
            </Link>
            <Link className="button button-secondary" to={`/patients/${header.id}/reports`}>
              Reports
            </Link>
          </>
        ) : null
      }
    >
      <LiveMessage message={notice} />
      {canWrite && !header.mergedIntoId ? <PossibleDuplicateBanner patientId={header.id} /> : null}
      <div className="chart-header card">
        <p className="chart-identity">
          {header.pronouns ? <span className="pronouns-pill">{header.pronouns}</span> : null}
          <span>
            {header.age} years · born {formatDay(header.dateOfBirth)}
          </span>
          {record?.genderIdentity ? <span>Gender identity: {record.genderIdentity}</span> : null}
          {record?.sexAssignedAtBirth ? (
            <span>Sex assigned at birth: {SEX_LABELS[record.sexAssignedAtBirth]}</span>
          ) : null}
          {legal ? <span>{legal}</span> : null}
        </p>
        {record ? (
          <p className="chart-contact small muted">
            {[
              record.phone,
              record.email,
              record.language !== 'en' ? `Preferred language: ${languageName(record.language)}` : null,
            ]
              .filter(Boolean)
              .join(' · ') || 'No contact details'}
            {record.guardian ? ` · Guardian: ${record.guardian.name}` : ''}
            {record.address ? ` · ${record.address.line1}, ${record.address.city}` : ''}
            {record.insurance
              ? ` · Insurance: ${record.insurance.payer}, member ID ${record.insurance.memberId}`
              : ''}
          </p>
        ) : null}
        {canWrite && record && !header.mergedIntoId ? (
          <>
            <p>
              <Link to={`/patients/${header.id}/edit`}>Edit details</Link>
            </p>
            <PortalInvitation patient={record} onChanged={refresh} />
          </>
        ) : null}
        {header.mergedIntoId ? (
          <p className="alert alert-warning">
            This record was merged.{' '}
            <Link to={`${base}/patients/${header.mergedIntoId}`}>Open the surviving record</Link>
          </p>
        ) : null}
        <SafetyHeader
          section={(flags?.available ? (flags.data as SafetyChart) : null) ?? null}
          safety={safety.data}
          restricted={!canClinical}
        />
        {intake?.available ? <ComfortNote comfort={(intake.data as IntakeChart).comfort} /> : null}
      </div>

      {sections
        .filter((s) => s.id !== 'flags')
        .map((s) => {
          if (s.id === 'referrals' && s.available)
            return (
              <ReferralsSection
                key={s.id}
                referrals={(s.data as Referral[]) ?? []}
                newReferralTo={canWrite ? `/patients/${header.id}/referrals/new` : undefined}
                claims={claims?.available ? (claims.data as ChartClaim[]) : undefined}
                documents={documents}
                onClaimSaved={refresh}
              />
            );
          // Shown on the referral cards it belongs to.
          if (s.id === 'claims') return null;
          if (s.id === 'appointments' && s.available)
            return (
              <Fragment key={s.id}>
                <AppointmentsSection
                  data={s.data as AppointmentsChartSection}
                  bookFor={canWrite && !header.mergedIntoId ? header.id : undefined}
                />
                {canWrite && !header.mergedIntoId ? <PaymentsSection patientId={header.id} /> : null}
              </Fragment>
            );
          if (s.id === 'intake' && s.available)
            return mode === 'staff' ? (
              <IntakeSection
                key={s.id}
                patientId={header.id}
                intake={s.data as IntakeChart}
                onChanged={refresh}
              />
            ) : null;
          if (s.id === 'documents' && s.available)
            return (
              <DocumentsSection
                key={s.id}
                patientId={header.id}
                documents={documents}
                referrals={(referrals?.available ? (referrals.data as Referral[] | null) : null) ?? []}
                canUpload={canWrite}
                onChanged={refresh}
              />
            );
          if (s.id === 'clinical' && s.available)
            return (
              <ClinicalSection
                key={s.id}
                patientId={header.id}
                data={s.data as ClinicalChartSection | null}
                links={mode === 'physician' ? 'physician' : canClinical ? 'therapist' : 'none'}
              />
            );
          if (KNOWN.has(s.id) && !s.available) return <GenericSection key={s.id} {...s} />;
          return <GenericSection key={s.id} {...s} />;
        })}

      {safety.data?.audience === 'clinician' ? (
        <ClearancesSection
          patientId={header.id}
          safety={safety.data}
          documents={documents}
          canRecord={canClear}
          asPhysician={mode === 'physician'}
          referringProviderId={latestReferrer}
          onChanged={refresh}
        />
      ) : null}

      {canWrite && !header.mergedIntoId ? <PhysicianAccessSection patientId={header.id} /> : null}

      {canWrite && record && !header.mergedIntoId ? (
        <MergePanel key={mergeWith ?? 'none'} survivor={record} onMerged={refresh} preselectId={mergeWith} />
      ) : null}
    </Page>
  );
}
