import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { TREATED_CONDITIONS } from '../../../../src/domain/catalog/conditions.ts';
import { TECHNIQUES } from '../../../../src/domain/catalog/techniques.ts';
import {
  type ClinicProfile,
  GENDER_LABELS,
  GENDER_VALUES,
  LANGUAGES,
  type TherapistProfile,
} from '../../../../src/modules/directory/schemas.ts';
import { messageOf } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { Checkbox, Field } from '../../components/Field.tsx';
import { Page } from '../../components/Page.tsx';
import { Alert, LoadError, Loading } from '../../components/Status.tsx';
import { directoryApi, fileToBase64 } from './api.ts';
import { DirectoryTabs } from './DirectoryTabs.tsx';

const toggle = (list: string[], value: string) =>
  list.includes(value) ? list.filter((v) => v !== value) : [...list, value];

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
          {therapists.data.items
            .filter((t) => isOwner || t.therapistId === myId)
            .map((t) => (
              <TherapistForm key={t.therapistId} clinicId={clinicId} profile={t} />
            ))}
        </>
      )}
    </Page>
  );
}

function ClinicForm({ clinicId, profile }: { clinicId: string; profile: ClinicProfile | null }) {
  const client = useQueryClient();
  const [form, setForm] = useState({
    published: profile?.published ?? false,
    tagline: profile?.tagline ?? '',
    about: profile?.about ?? '',
    publicPhone: profile?.publicPhone ?? '',
    acceptsReferrals: profile?.acceptsReferrals ?? true,
    acceptsInsurance: profile?.acceptsInsurance ?? false,
    acceptsAutoAccident: profile?.acceptsAutoAccident ?? false,
    inclusiveLgbtq: profile?.inclusiveLgbtq ?? false,
    inclusiveTraumaInformed: profile?.inclusiveTraumaInformed ?? false,
    inclusiveAccessible: profile?.inclusiveAccessible ?? false,
    inclusiveStatement: profile?.inclusiveStatement ?? '',
    referralFax: profile?.referralFax ?? '',
    referralEmail: profile?.referralEmail ?? '',
  });
  const save = useMutation({
    mutationFn: () =>
      directoryApi.saveClinicProfile(clinicId, {
        ...form,
        tagline: form.tagline || null,
        about: form.about || null,
        publicPhone: form.publicPhone || null,
        inclusiveStatement: form.inclusiveStatement || null,
        referralFax: form.referralFax || null,
        referralEmail: form.referralEmail || null,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['directory-profile', clinicId] }),
  });
  const text = (key: 'tagline' | 'publicPhone' | 'referralFax' | 'referralEmail', label: string) => (
    <Field label={label}>
      {(p) => (
        <input {...p} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
      )}
    </Field>
  );
  const check = (key: keyof typeof form, label: string) => (
    <Checkbox
      label={label}
      checked={Boolean(form[key])}
      onChange={(e) => setForm({ ...form, [key]: e.target.checked })}
    />
  );
  return (
    <section className="card" aria-labelledby="clinic-profile-h">
      <h2 id="clinic-profile-h">Clinic page</h2>
      {profile?.published ? (
        <p>
          Public at <a href={`/clinics/${profile.slug}`}>/clinics/{profile.slug}</a>
        </p>
      ) : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        {check('published', 'Published (shown in the public directory)')}
        {text('tagline', 'Tagline')}
        <Field label="About the clinic">
          {(p) => (
            <textarea
              {...p}
              rows={4}
              value={form.about}
              onChange={(e) => setForm({ ...form, about: e.target.value })}
            />
          )}
        </Field>
        {text('publicPhone', 'Public phone')}
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
          <Field label="Inclusive practice statement">
            {(p) => (
              <textarea
                {...p}
                rows={3}
                value={form.inclusiveStatement}
                onChange={(e) => setForm({ ...form, inclusiveStatement: e.target.value })}
              />
            )}
          </Field>
        </fieldset>
        {text('referralFax', 'Referral fax')}
        {text('referralEmail', 'Referral e-mail')}
        {save.isError ? <Alert>{messageOf(save.error)}</Alert> : null}
        {save.isSuccess ? <Alert tone="success">Saved.</Alert> : null}
        <div className="form-actions">
          <button type="submit" className="button" disabled={save.isPending}>
            Save clinic page
          </button>
        </div>
      </form>
    </section>
  );
}

function TherapistForm({ clinicId, profile }: { clinicId: string; profile: TherapistProfile }) {
  const client = useQueryClient();
  const [form, setForm] = useState({
    published: profile.published,
    displayName: profile.displayName,
    postNominals: profile.postNominals ?? '',
    pronouns: profile.pronouns ?? '',
    bio: profile.bio ?? '',
    languages: profile.languages,
    gender: profile.gender ?? '',
    conditions: profile.conditions,
    techniques: profile.techniques,
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['directory-therapists', clinicId] });
  const save = useMutation({
    mutationFn: () =>
      directoryApi.saveTherapist(clinicId, profile.therapistId, {
        ...form,
        postNominals: form.postNominals || null,
        pronouns: form.pronouns || null,
        bio: form.bio || null,
        gender: (form.gender || null) as TherapistProfile['gender'],
        languages: form.languages as never,
        conditions: form.conditions as never,
        techniques: form.techniques as never,
      }),
    onSuccess: refresh,
  });
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
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Checkbox
          label="Published"
          checked={form.published}
          onChange={(e) => setForm({ ...form, published: e.target.checked })}
        />
        <Field label="Public name">
          {(p) => (
            <input
              {...p}
              value={form.displayName}
              onChange={(e) => setForm({ ...form, displayName: e.target.value })}
            />
          )}
        </Field>
        <Field
          label="Letters after the name"
          hint="CMT and BCTMB show only while a matching credential is current"
        >
          {(p) => (
            <input
              {...p}
              value={form.postNominals}
              onChange={(e) => setForm({ ...form, postNominals: e.target.value })}
            />
          )}
        </Field>
        <Field label="Pronouns">
          {(p) => (
            <input
              {...p}
              value={form.pronouns}
              onChange={(e) => setForm({ ...form, pronouns: e.target.value })}
            />
          )}
        </Field>
        <Field label="Gender (optional, for the “gender of therapist” filter)">
          {(p) => (
            <select {...p} value={form.gender} onChange={(e) => setForm({ ...form, gender: e.target.value })}>
              <option value="">Not shown</option>
              {GENDER_VALUES.map((g) => (
                <option key={g} value={g}>
                  {GENDER_LABELS[g]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Bio">
          {(p) => (
            <textarea
              {...p}
              rows={4}
              value={form.bio}
              onChange={(e) => setForm({ ...form, bio: e.target.value })}
            />
          )}
        </Field>
        <fieldset>
          <legend>Languages</legend>
          {Object.entries(LANGUAGES).map(([code, label]) => (
            <Checkbox
              key={code}
              label={label}
              checked={form.languages.includes(code)}
              onChange={() => setForm({ ...form, languages: toggle(form.languages, code) })}
            />
          ))}
        </fieldset>
        <fieldset>
          <legend>Conditions treated (tick your main focus first)</legend>
          {TREATED_CONDITIONS.map((c) => (
            <Checkbox
              key={c.id}
              label={c.label}
              checked={form.conditions.includes(c.id)}
              onChange={() => setForm({ ...form, conditions: toggle(form.conditions, c.id) })}
            />
          ))}
        </fieldset>
        <fieldset>
          <legend>Techniques</legend>
          {TECHNIQUES.map((t) => (
            <Checkbox
              key={t.id}
              label={t.name}
              checked={form.techniques.includes(t.id)}
              onChange={() => setForm({ ...form, techniques: toggle(form.techniques, t.id) })}
            />
          ))}
        </fieldset>
        {save.isError ? <Alert>{messageOf(save.error)}</Alert> : null}
        {save.isSuccess ? <Alert tone="success">Saved.</Alert> : null}
        <div className="form-actions">
          <button type="submit" className="button" disabled={save.isPending}>
            Save profile
          </button>
        </div>
      </form>
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
