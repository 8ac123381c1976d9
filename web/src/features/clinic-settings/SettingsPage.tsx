import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { z } from 'zod';
import { clinicSettingsPatch } from '../../../../src/modules/clinics/schemas.ts';
import { endpoints } from '../../api/endpoints.ts';
import type { ClinicSettings } from '../../api/types.ts';
import { useClinic, useRefreshMe } from '../../app/session.tsx';
import { Checkbox, Field } from '../../components/Field.tsx';
import { applyApiError } from '../../components/forms.ts';
import { Page } from '../../components/Page.tsx';
import { Alert, LiveMessage, LoadError, Loading } from '../../components/Status.tsx';
import { TimeZoneSelect } from '../../components/TimeZoneSelect.tsx';
import { BOOKING_RULES_LINK } from '../schedule-setup/sections.ts';

/** The server's settings patch, every field present (the form always shows them all). */
const settingsForm = z.object(clinicSettingsPatch.shape).required();
type Values = z.infer<typeof settingsForm>;
/** An emptied identifier is "none" (null), not an empty string the server would refuse. */
const emptyAsNull = (value: string | null) => (value?.trim() ? value.trim() : null);

export function SettingsPage() {
  const clinic = useClinic();
  const settings = useQuery({
    queryKey: ['clinic', clinic.id],
    queryFn: () => endpoints.clinicSettings(clinic.id),
  });
  return (
    <Page
      title="Clinic settings"
      intro={
        <p>
          <Link to={BOOKING_RULES_LINK}>Booking rules, reminders and fees</Link> — late-cancellation window
          and fee, appointment reminders, minimum notice and how far ahead patients can book — are in Schedule
          set-up.
        </p>
      }
    >
      {settings.isPending ? (
        <Loading />
      ) : settings.isError ? (
        <LoadError error={settings.error} retry={() => settings.refetch()} />
      ) : (
        <SettingsForm key={clinic.id} settings={settings.data} />
      )}
    </Page>
  );
}

function SettingsForm({ settings }: { settings: ClinicSettings }) {
  const queryClient = useQueryClient();
  const refreshMe = useRefreshMe();
  const [saved, setSaved] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting, dirtyFields },
  } = useForm<Values>({ resolver: zodResolver(settingsForm), defaultValues: settings });

  const onSubmit = handleSubmit(async (values) => {
    setSaved(null);
    setFormError(null);
    const changed = Object.fromEntries(
      Object.entries(values).filter(([key]) => dirtyFields[key as keyof Values]),
    ) as Partial<Values>;
    if (Object.keys(changed).length === 0) {
      setSaved('Nothing to save: no setting was changed.');
      return;
    }
    try {
      const updated = await endpoints.updateClinic(settings.id, changed);
      queryClient.setQueryData(['clinic', settings.id], updated);
      reset(updated);
      await refreshMe();
      setSaved('Settings saved.');
    } catch (error) {
      setFormError(
        applyApiError(error, setError, [
          'name',
          'timeZone',
          'idleTimeoutMinutes',
          'require2faForStaff',
          'taxId',
          'npi',
        ]),
      );
    }
  });

  return (
    <form className="form card" onSubmit={onSubmit} noValidate>
      <Alert>{formError}</Alert>
      <Field label="Clinic name" error={errors.name?.message}>
        {(p) => <input {...p} {...register('name')} autoComplete="organization" />}
      </Field>
      <Controller
        control={control}
        name="timeZone"
        render={({ field, fieldState }) => (
          <TimeZoneSelect
            value={field.value}
            onChange={field.onChange}
            error={fieldState.error?.message}
            hint="Used for appointments, records and the audit log."
          />
        )}
      />
      <Field
        label="Automatic sign-out after inactivity (minutes)"
        hint="Between 5 and 480 minutes. Shorter is safer on shared computers; it applies to new sign-ins."
        error={errors.idleTimeoutMinutes?.message}
      >
        {(p) => (
          <input
            {...p}
            {...register('idleTimeoutMinutes', { valueAsNumber: true })}
            type="number"
            min={5}
            max={480}
            className="input-short"
          />
        )}
      </Field>
      <Checkbox
        label="Require two-factor sign-in for staff"
        hint="Owners, front desk and therapists must set up two-factor sign-in before they can work in this clinic."
        {...register('require2faForStaff')}
      />
      <fieldset>
        <legend>Billing</legend>
        <p className="field-hint">Printed on the superbills patients send their insurers.</p>
        <Field label="Tax ID (EIN)" hint="e.g. 12-3456789" error={errors.taxId?.message}>
          {(p) => (
            <input {...p} {...register('taxId', { setValueAs: emptyAsNull })} className="input-short" />
          )}
        </Field>
        <Field
          label="Organisation NPI"
          hint="10 digits; leave empty if the clinic has none"
          error={errors.npi?.message}
        >
          {(p) => (
            <input
              {...p}
              {...register('npi', { setValueAs: emptyAsNull })}
              inputMode="numeric"
              className="input-short"
            />
          )}
        </Field>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : 'Save settings'}
        </button>
      </div>
      <LiveMessage message={saved} />
    </form>
  );
}
