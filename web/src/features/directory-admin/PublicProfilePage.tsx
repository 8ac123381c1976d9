import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { TREATED_CONDITIONS } from '../../../../src/domain/catalog/conditions.ts';
import { TECHNIQUES } from '../../../../src/domain/catalog/techniques.ts';
import {
  type ClinicProfile,
  type ClinicProfileInput,
  clinicProfileInput,
  GENDER_LABELS,
  GENDER_VALUES,
  LANGUAGES,
  type TherapistProfile,
  type TherapistProfileInput,
  therapistProfileInput,
} from '../../../../src/modules/directory/schemas.ts';
import { messageOf } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { Checkbox, Field } from '../../components/Field.tsx';
import { blankAsNullResolver } from '../../components/forms.ts';
import { IdCheckboxes } from '../../components/IdCheckboxes.tsx';
import { Page } from '../../components/Page.tsx';
import { ServerForm } from '../../components/ServerForm.tsx';
import { Alert, LoadError, Loading } from '../../components/Status.tsx';
import { directoryApi, fileToBase64 } from './api.ts';
import { DirectoryTabs } from './DirectoryTabs.tsx';

/** The clinic's public profile (owner) and each therapist's (the owner, or the therapist for their own). */
export function PublicProfilePage() {
  const { clinic, roles, me } = useSession();
  const clinicId = clinic!.id;
  const isOwner = roles.includes('owner');
  const profile = useQuery({
    queryKey: ['directory-profile', clinicId],
    queryFn: () => directoryApi.clinicProfile(clinicId),
  });
  const therapists = useQuery({
    queryKey: ['directory-therapists', clinicId],
    queryFn: () => directoryApi.therapists(clinicId),
  });
  const myId = me.user.id;
  return (
    <Page
      title="Public profile"
      intro={<p>What patients see in the public directory. Nothing is public until you tick “Published”.</p>}
    >
      <DirectoryTabs />
      {profile.isPending || therapists.isPending ? (
        <Loading />
      ) : profile.isError ? (
        <LoadError error={profile.error} retry={() => profile.refetch()} />
      ) : therapists.isError ? (
        <LoadError error={therapists.error} retry={() => therapists.refetch()} />
      ) : (
        <>
          {isOwner ? <ClinicForm clinicId={clinicId} profile={profile.data.profile} /> : null}
          <TherapistProfiles
            clinicId={clinicId}
            profiles={therapists.data.items.filter((t) => isOwner || t.therapistId === myId)}
            myId={myId}
          />
        </>
      )}
    </Page>
  );
}

/** One therapist's profile at a time (each is a long form): one's own first, the others by choice. */
function TherapistProfiles({
  clinicId,
  profiles,
  myId,
}: {
  clinicId: string;
  profiles: TherapistProfile[];
  myId: string;
}) {
  const [chosenId, setChosenId] = useState(
    () => (profiles.find((t) => t.therapistId === myId) ?? profiles[0])?.therapistId,
  );
  const chosen = profiles.find((t) => t.therapistId === chosenId) ?? profiles[0];
  if (!chosen) return null;
  return (
    <>
      {profiles.length > 1 ? (
        <Field label="Therapist profile to edit" className="section">
          {(p) => (
            <select {...p} value={chosen.therapistId} onChange={(e) => setChosenId(e.target.value)}>
              {profiles.map((t) => (
                <option key={t.therapistId} value={t.therapistId}>
                  {t.accountName}
                  {t.published ? '' : ' (not published)'}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <TherapistForm key={chosen.therapistId} clinicId={clinicId} profile={chosen} />
    </>
  );
}

const CLINIC_TEXT = [
  'tagline',
  'about',
  'publicPhone',
  'publicEmail',
  'website',
  'inclusiveStatement',
  'referralFax',
  'referralEmail',
  'referralNotes',
] as const;
const CLINIC_CHECKS = [
  'published',
  'acceptsReferrals',
  'acceptsInsurance',
  'acceptsAutoAccident',
  'inclusiveLgbtq',
  'inclusiveTraumaInformed',
  'inclusiveAccessible',
] as const;
type ClinicValues = Record<(typeof CLINIC_TEXT)[number], string> &
  Record<(typeof CLINIC_CHECKS)[number], boolean>;
/** Blanks are sent as null: PUT replaces the page, so a cleared field is cleared. */
const clinicResolver = blankAsNullResolver<ClinicValues, ClinicProfileInput>(
  clinicProfileInput.omit({ slug: true }),
);

function ClinicForm({ clinicId, profile }: { clinicId: string; profile: ClinicProfile | null }) {
  const client = useQueryClient();
  const [saved, setSaved] = useState(false);
  const form = useForm<ClinicValues, unknown, ClinicProfileInput>({
    resolver: clinicResolver,
    defaultValues: {
      ...(Object.fromEntries(CLINIC_TEXT.map((k) => [k, profile?.[k] ?? ''])) as Record<
        (typeof CLINIC_TEXT)[number],
        string
      >),
      published: profile?.published ?? false,
      acceptsReferrals: profile?.acceptsReferrals ?? true,
      acceptsInsurance: profile?.acceptsInsurance ?? false,
      acceptsAutoAccident: profile?.acceptsAutoAccident ?? false,
      inclusiveLgbtq: profile?.inclusiveLgbtq ?? false,
      inclusiveTraumaInformed: profile?.inclusiveTraumaInformed ?? false,
      inclusiveAccessible: profile?.inclusiveAccessible ?? false,
    },
  });
  const { register } = form;
  const errors = form.formState.errors;
  const text = (key: (typeof CLINIC_TEXT)[number], label: string, type = 'text', hint?: string) => (
    <Field label={label} hint={hint} error={errors[key]?.message}>
      {(p) => <input {...p} {...register(key)} type={type} />}
    </Field>
  );
  const area = (key: (typeof CLINIC_TEXT)[number], label: string, rows: number) => (
    <Field label={label} error={errors[key]?.message}>
      {(p) => <textarea {...p} {...register(key)} rows={rows} />}
    </Field>
  );
  const check = (key: (typeof CLINIC_CHECKS)[number], label: string) => (
    <Checkbox label={label} {...register(key)} />
  );
  return (
    <section className="card" aria-labelledby="clinic-profile-h">
      <h2 id="clinic-profile-h">Clinic page</h2>
      {profile?.published ? (
        <p>
          Public at <a href={`/clinics/${profile.slug}`}>/clinics/{profile.slug}</a>
        </p>
      ) : null}
      <ServerForm
        form={form}
        fields={[...CLINIC_TEXT, ...CLINIC_CHECKS]}
        onSave={async (values) => {
          setSaved(false);
          await directoryApi.saveClinicProfile(clinicId, values);
          await client.invalidateQueries({ queryKey: ['directory-profile', clinicId] });
          setSaved(true);
        }}
        submitLabel="Save clinic page"
        submittingLabel="Saving…"
        label="Clinic page"
      >
        {check('published', 'Published (shown in the public directory)')}
        {text('tagline', 'Tagline')}
        {area('about', 'About the clinic', 4)}
        <div className="field-grid">
          {text('publicPhone', 'Public phone', 'tel')}
          {text('publicEmail', 'Public e-mail', 'email', 'Shown on the page only when given here')}
          {text('website', 'Website', 'url', 'e.g. https://harbor.example')}
        </div>
        <fieldset>
          <legend>Accepts</legend>
          {check('acceptsReferrals', 'Physician referrals')}
          {check('acceptsInsurance', 'Insurance')}
          {check('acceptsAutoAccident', 'Auto-accident cases')}
        </fieldset>
        <fieldset>
          <legend>Inclusive practice</legend>
          {check('inclusiveLgbtq', 'LGBTQ+ welcoming')}
          {check('inclusiveTraumaInformed', 'Trauma-informed')}
          {check('inclusiveAccessible', 'Accessible premises')}
          {area('inclusiveStatement', 'Inclusive practice statement', 3)}
        </fieldset>
        <fieldset>
          <legend>For referring physicians</legend>
          <div className="field-grid">
            {text('referralFax', 'Referral fax', 'tel')}
            {text('referralEmail', 'Referral e-mail', 'email')}
          </div>
          {area('referralNotes', 'Notes for referring physicians', 3)}
        </fieldset>
        {saved ? <Alert tone="success">Saved.</Alert> : null}
      </ServerForm>
    </section>
  );
}

const THERAPIST_TEXT = [
  'displayName',
  'postNominals',
  'pronouns',
  'bio',
  'genderDescription',
  'publicEmail',
] as const;
type TherapistValues = Record<(typeof THERAPIST_TEXT)[number], string> & {
  published: boolean;
  gender: string;
  languages: string[];
  conditions: string[];
  techniques: string[];
};
const therapistResolver = blankAsNullResolver<TherapistValues, TherapistProfileInput>(
  therapistProfileInput.omit({ slug: true }),
);
type Option = { id: string; label: string };
const LANGUAGE_OPTIONS = Object.entries(LANGUAGES).map(([id, label]) => ({ id, label }));
const CONDITION_OPTIONS = TREATED_CONDITIONS.map((c) => ({ id: c.id, label: c.label }));
const TECHNIQUE_OPTIONS = TECHNIQUES.map((t) => ({ id: t.id, label: t.name }));

function TherapistForm({ clinicId, profile }: { clinicId: string; profile: TherapistProfile }) {
  const client = useQueryClient();
  const [saved, setSaved] = useState(false);
  const form = useForm<TherapistValues, unknown, TherapistProfileInput>({
    resolver: therapistResolver,
    defaultValues: {
      ...(Object.fromEntries(THERAPIST_TEXT.map((k) => [k, profile[k] ?? ''])) as Record<
        (typeof THERAPIST_TEXT)[number],
        string
      >),
      published: profile.published,
      gender: profile.gender ?? '',
      languages: profile.languages,
      conditions: profile.conditions,
      techniques: profile.techniques,
    },
  });
  const { register, control } = form;
  const errors = form.formState.errors;
  const text = (key: (typeof THERAPIST_TEXT)[number], label: string, hint?: string, type = 'text') => (
    <Field label={label} hint={hint} error={errors[key]?.message}>
      {(p) => <input {...p} {...register(key)} type={type} />}
    </Field>
  );
  const ids = (name: 'languages' | 'conditions' | 'techniques', legend: string, options: Option[]) => (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <IdCheckboxes legend={legend} options={options} field={field} error={fieldState.error?.message} />
      )}
    />
  );
  const refresh = () => client.invalidateQueries({ queryKey: ['directory-therapists', clinicId] });
  const photo = useMutation({
    mutationFn: async (file: File) =>
      directoryApi.therapistPhoto(clinicId, profile.therapistId, await fileToBase64(file)),
    onSuccess: refresh,
  });
  const headingId = `therapist-${profile.therapistId}`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{profile.accountName}</h2>
      {profile.published && profile.slug ? (
        <p>
          Public at <a href={`/therapists/${profile.slug}`}>/therapists/{profile.slug}</a>
        </p>
      ) : null}
      <ServerForm
        form={form}
        fields={[...THERAPIST_TEXT, 'published', 'gender', 'languages', 'conditions', 'techniques']}
        onSave={async (values) => {
          setSaved(false);
          await directoryApi.saveTherapist(clinicId, profile.therapistId, values);
          await refresh();
          setSaved(true);
        }}
        submitLabel="Save profile"
        submittingLabel="Saving…"
        label={`Profile of ${profile.accountName}`}
      >
        <Checkbox label="Published" {...register('published')} />
        <div className="field-grid">
          {text('displayName', 'Public name')}
          {text(
            'postNominals',
            'Letters after the name',
            'CMT and BCTMB show only while a matching credential is current',
          )}
          {text('pronouns', 'Pronouns')}
          {text('publicEmail', 'Public e-mail', 'Shown on the profile only when given here', 'email')}
          <Field
            label="Gender (optional, for the “gender of therapist” filter)"
            error={errors.gender?.message}
          >
            {(p) => (
              <select {...p} {...register('gender')}>
                <option value="">Not shown</option>
                {GENDER_VALUES.map((g) => (
                  <option key={g} value={g}>
                    {GENDER_LABELS[g]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {text(
            'genderDescription',
            'Gender in your own words (optional)',
            'Shown instead of the choice above',
          )}
        </div>
        <Field label="Bio" error={errors.bio?.message}>
          {(p) => <textarea {...p} {...register('bio')} rows={4} />}
        </Field>
        {ids('languages', 'Languages', LANGUAGE_OPTIONS)}
        {ids('conditions', 'Conditions treated (tick your main focus first)', CONDITION_OPTIONS)}
        {ids('techniques', 'Techniques', TECHNIQUE_OPTIONS)}
        {saved ? <Alert tone="success">Saved.</Alert> : null}
      </ServerForm>
      {profile.exists ? (
        <Field label="Photo (PNG or JPEG, at most 512 KB)">
          {(p) => (
            <input
              {...p}
              type="file"
              accept="image/png,image/jpeg"
              onChange={(e) => e.target.files?.[0] && photo.mutate(e.target.files[0])}
            />
          )}
        </Field>
      ) : null}
      {photo.isError ? <Alert>{messageOf(photo.error)}</Alert> : null}
    </section>
  );
}
