import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import {
  type Control,
  type FieldErrors,
  type Resolver,
  type UseFormRegister,
  useController,
  useForm,
} from 'react-hook-form';
import type { z } from 'zod';
import { patientCreate, SEX_AT_BIRTH } from '../../../../src/modules/patients/schemas.ts';
import { Checkbox, Field } from '../../components/Field.tsx';
import { languageChoices } from '../chart/language.ts';
import type { Patient } from './api.ts';
import { ageOn, SEX_LABELS } from './labels.tsx';

/** What the patient form holds: plain strings (an empty box is "not given"). */
export interface PatientFormValues {
  legalFirstName: string;
  legalLastName: string;
  preferredName: string;
  pronouns: string;
  sexAssignedAtBirth: string;
  genderIdentity: string;
  dateOfBirth: string;
  language: string;
  email: string;
  phone: string;
  contactPreferences: { channel: string; reminders: boolean };
  emergencyContact: { name: string; relationship: string; phone: string; email: string };
  guardian: { name: string; relationship: string; phone: string; email: string };
  address: { line1: string; line2: string; city: string; region: string; postalCode: string };
  insurance: { payer: string; memberId: string; groupNumber: string };
  notes: string;
}
export type PatientOutput = z.output<typeof patientCreate>;

const contact = { name: '', relationship: '', phone: '', email: '' };
export const emptyPatient: PatientFormValues = {
  legalFirstName: '',
  legalLastName: '',
  preferredName: '',
  pronouns: '',
  sexAssignedAtBirth: '',
  genderIdentity: '',
  dateOfBirth: '',
  language: 'en',
  email: '',
  phone: '',
  contactPreferences: { channel: '', reminders: true },
  emergencyContact: { ...contact },
  guardian: { ...contact },
  address: { line1: '', line2: '', city: '', region: '', postalCode: '' },
  insurance: { payer: '', memberId: '', groupNumber: '' },
  notes: '',
};

export const MINOR_AGE = 18;
export const isMinor = (dateOfBirth: string, today: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth) && dateOfBirth <= today && ageOn(dateOfBirth, today) < MINOR_AGE;

const blankToUndefined = (v: string) => (v.trim() === '' ? undefined : v);
function person(p: PatientFormValues['guardian']) {
  if (![p.name, p.relationship, p.phone, p.email].some((v) => v.trim())) return undefined;
  return {
    name: p.name,
    relationship: blankToUndefined(p.relationship),
    phone: blankToUndefined(p.phone),
    email: blankToUndefined(p.email),
  };
}

/** A group of boxes left all empty is "not given"; otherwise every box is sent, for the schema to check. */
function filledGroup<T extends Record<string, string>, R>(group: T, shape: (g: T) => R): R | undefined {
  return Object.values(group).some((v) => v.trim()) ? shape(group) : undefined;
}

/** The request body the form's values stand for (empty boxes left out; the guardian only for a minor). */
export function toRequest(values: PatientFormValues, today: string) {
  return {
    legalFirstName: values.legalFirstName,
    legalLastName: values.legalLastName,
    preferredName: blankToUndefined(values.preferredName),
    pronouns: blankToUndefined(values.pronouns),
    sexAssignedAtBirth:
      (blankToUndefined(values.sexAssignedAtBirth) as PatientOutput['sexAssignedAtBirth']) ?? undefined,
    genderIdentity: blankToUndefined(values.genderIdentity),
    dateOfBirth: values.dateOfBirth,
    language: values.language.trim() || 'en',
    email: blankToUndefined(values.email),
    phone: blankToUndefined(values.phone),
    // Stated when there is something to say: a preferred way, or "no reminders" (reminders are the default).
    contactPreferences:
      values.contactPreferences.channel || !values.contactPreferences.reminders
        ? {
            ...(values.contactPreferences.channel
              ? { channel: values.contactPreferences.channel as 'email' | 'phone' | 'sms' }
              : {}),
            reminders: values.contactPreferences.reminders,
          }
        : undefined,
    emergencyContact: person(values.emergencyContact),
    guardian: isMinor(values.dateOfBirth, today) ? person(values.guardian) : undefined,
    address: filledGroup(values.address, (a) => ({ ...a, line2: blankToUndefined(a.line2) })),
    insurance: filledGroup(values.insurance, (i) => ({ ...i, groupNumber: blankToUndefined(i.groupNumber) })),
    notes: blankToUndefined(values.notes),
  };
}

/**
 * A form resolver that checks the request the form's values stand for against a server schema, so the
 * messages match the API's.
 */
export function requestResolver<Out>(
  schema: z.ZodType<Out>,
  request: (values: PatientFormValues) => unknown,
): Resolver<PatientFormValues, unknown, Out> {
  const inner = zodResolver(schema as never);
  return ((values: PatientFormValues, context: unknown, options: never) =>
    inner(request(values) as never, context, options)) as unknown as Resolver<
    PatientFormValues,
    unknown,
    Out
  >;
}

/** The whole record's form, checked by the server's own create schema. */
export const patientResolver = (today: string) =>
  requestResolver<PatientOutput>(patientCreate, (values) => toRequest(values, today));

/** The contact paths the API may name in its errors (the whole of the patient's own form). */
export const CONTACT_FIELDS = [
  'email',
  'phone',
  'contactPreferences.channel',
  'emergencyContact.name',
  'emergencyContact.phone',
  'emergencyContact.email',
  'address.line1',
  'address.city',
  'address.region',
  'address.postalCode',
  'insurance.payer',
  'insurance.memberId',
] as const;

/** Field names the API may name in its errors. */
export const PATIENT_FIELDS = [
  'legalFirstName',
  'legalLastName',
  'preferredName',
  'pronouns',
  'sexAssignedAtBirth',
  'genderIdentity',
  'dateOfBirth',
  'language',
  ...CONTACT_FIELDS,
  'guardian',
  'guardian.name',
  'guardian.phone',
  'guardian.email',
  'notes',
] as const;

/** The patient form, checked by the server's own schema, and whether its date of birth makes a minor. */
export function usePatientForm(defaultValues: PatientFormValues, today: string) {
  const form = useForm<PatientFormValues, unknown, PatientOutput>({
    resolver: patientResolver(today),
    defaultValues,
  });
  return { ...form, minor: isMinor(form.watch('dateOfBirth'), today) };
}

function ContactFields({
  prefix,
  register,
  errors,
  legend,
  hint,
}: {
  prefix: 'emergencyContact' | 'guardian';
  register: UseFormRegister<PatientFormValues>;
  errors: FieldErrors<PatientFormValues>;
  legend: string;
  hint?: string;
}) {
  const e = errors[prefix];
  return (
    <fieldset>
      <legend>{legend}</legend>
      {hint ? <p className="field-hint">{hint}</p> : null}
      {prefix === 'guardian' && errors.guardian?.message ? (
        <p className="field-error" role="alert">
          {errors.guardian.message}
        </p>
      ) : null}
      <div className="field-grid">
        <Field label="Name" error={e?.name?.message}>
          {(p) => <input {...p} {...register(`${prefix}.name`)} autoComplete="off" />}
        </Field>
        <Field label="Relationship" hint="e.g. parent, partner" error={e?.relationship?.message}>
          {(p) => <input {...p} {...register(`${prefix}.relationship`)} autoComplete="off" />}
        </Field>
        <Field label="Phone" error={e?.phone?.message}>
          {(p) => <input {...p} {...register(`${prefix}.phone`)} type="tel" autoComplete="off" />}
        </Field>
        <Field label="E-mail" error={e?.email?.message}>
          {(p) => <input {...p} {...register(`${prefix}.email`)} type="email" autoComplete="off" />}
        </Field>
      </div>
    </fieldset>
  );
}

const ANOTHER_LANGUAGE = 'another';

/**
 * The patient's preferred language, chosen by name; a language not offered is typed in as its short code
 * (what interpreters' and health records' systems exchange), which the chart then says in words.
 */
function LanguageField({ control }: { control: Control<PatientFormValues, unknown, PatientOutput> }) {
  const { field, fieldState } = useController({ control, name: 'language' });
  const [typing, setTyping] = useState(false);
  const error = fieldState.error?.message;
  return (
    <>
      <Field label="Preferred language" error={typing ? undefined : error}>
        {(p) => (
          <select
            {...p}
            ref={field.ref}
            name={field.name}
            value={typing ? ANOTHER_LANGUAGE : field.value}
            onBlur={field.onBlur}
            onChange={(e) => {
              setTyping(e.target.value === ANOTHER_LANGUAGE);
              if (e.target.value !== ANOTHER_LANGUAGE) field.onChange(e.target.value);
            }}
          >
            {languageChoices(field.value).map((l) => (
              <option key={l.code} value={l.code}>
                {l.name}
              </option>
            ))}
            <option value={ANOTHER_LANGUAGE}>Another language…</option>
          </select>
        )}
      </Field>
      {typing ? (
        <Field
          label="Another language: its code"
          hint="For example mix for Mixtec, or pt-BR for Brazilian Portuguese"
          error={error}
        >
          {(p) => (
            <input
              {...p}
              value={field.value}
              onChange={(e) => field.onChange(e.target.value)}
              onBlur={field.onBlur}
              autoComplete="off"
              spellCheck={false}
            />
          )}
        </Field>
      ) : null}
    </>
  );
}

/** Every field of a patient record, grouped; the guardian appears when the date of birth makes a minor. */
export function PatientFields({
  register,
  control,
  errors,
  minor,
}: {
  register: UseFormRegister<PatientFormValues>;
  control: Control<PatientFormValues, unknown, PatientOutput>;
  errors: FieldErrors<PatientFormValues>;
  minor: boolean;
}) {
  return (
    <>
      <fieldset>
        <legend>Name and identity</legend>
        <div className="field-grid">
          <Field label="Legal first name (required)" error={errors.legalFirstName?.message}>
            {(p) => <input {...p} {...register('legalFirstName')} autoComplete="off" />}
          </Field>
          <Field label="Legal last name (required)" error={errors.legalLastName?.message}>
            {(p) => <input {...p} {...register('legalLastName')} autoComplete="off" />}
          </Field>
          <Field
            label="Preferred name"
            hint="Shown first everywhere in Palpa"
            error={errors.preferredName?.message}
          >
            {(p) => <input {...p} {...register('preferredName')} autoComplete="off" />}
          </Field>
          <Field label="Pronouns" hint="e.g. she/her, he/him, they/them" error={errors.pronouns?.message}>
            {(p) => <input {...p} {...register('pronouns')} autoComplete="off" />}
          </Field>
          <Field label="Gender identity (optional)" error={errors.genderIdentity?.message}>
            {(p) => <input {...p} {...register('genderIdentity')} autoComplete="off" />}
          </Field>
          <Field
            label="Sex assigned at birth (optional)"
            hint="Only where it matters clinically"
            error={errors.sexAssignedAtBirth?.message}
          >
            {(p) => (
              <select {...p} {...register('sexAssignedAtBirth')}>
                <option value="">Not recorded</option>
                {SEX_AT_BIRTH.map((s) => (
                  <option key={s} value={s}>
                    {SEX_LABELS[s]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Date of birth (required)" error={errors.dateOfBirth?.message}>
            {(p) => <input {...p} {...register('dateOfBirth')} type="date" />}
          </Field>
          <LanguageField control={control} />
        </div>
      </fieldset>
      <PatientContactFields register={register} errors={errors} />
      {minor ? (
        <ContactFields
          prefix="guardian"
          register={register}
          errors={errors}
          legend="Parent or guardian (required for a patient under 18)"
          hint="The patient is under 18 on the date of birth given: name the parent or guardian who consents."
        />
      ) : null}
      <Field label="Notes" hint="Administrative notes, not clinical findings" error={errors.notes?.message}>
        {(p) => <textarea {...p} {...register('notes')} rows={3} />}
      </Field>
    </>
  );
}

/**
 * How to reach the patient, their reminder choice, emergency contact, address and insurance: part of the full
 * record form, and the whole of what a patient changes on their own record (`self`: the labels speak to them).
 */
export function PatientContactFields({
  register,
  errors,
  self = false,
}: {
  register: UseFormRegister<PatientFormValues>;
  errors: FieldErrors<PatientFormValues>;
  self?: boolean;
}) {
  return (
    <>
      <fieldset>
        <legend>Contact</legend>
        <div className="field-grid">
          <Field label={self ? 'Your e-mail' : 'Patient e-mail'} error={errors.email?.message}>
            {(p) => <input {...p} {...register('email')} type="email" autoComplete="off" />}
          </Field>
          <Field label={self ? 'Your phone' : 'Patient phone'} error={errors.phone?.message}>
            {(p) => <input {...p} {...register('phone')} type="tel" autoComplete="off" />}
          </Field>
          <Field label="Preferred way to contact" error={errors.contactPreferences?.channel?.message}>
            {(p) => (
              <select {...p} {...register('contactPreferences.channel')}>
                <option value="">Not stated</option>
                <option value="email">E-mail</option>
                <option value="phone">Phone call</option>
                <option value="sms">Text message</option>
              </select>
            )}
          </Field>
          <div className="field field-button">
            <Checkbox
              label={self ? 'Send me appointment reminders' : 'Send appointment reminders'}
              {...register('contactPreferences.reminders')}
            />
          </div>
        </div>
      </fieldset>
      <ContactFields
        prefix="emergencyContact"
        register={register}
        errors={errors}
        legend="Emergency contact (optional)"
      />
      <fieldset>
        <legend>Address (optional)</legend>
        <div className="field-grid">
          <Field label="Street address" error={errors.address?.line1?.message}>
            {(p) => <input {...p} {...register('address.line1')} autoComplete="off" />}
          </Field>
          <Field label="Apartment, suite (optional)" error={errors.address?.line2?.message}>
            {(p) => <input {...p} {...register('address.line2')} autoComplete="off" />}
          </Field>
          <Field label="City" error={errors.address?.city?.message}>
            {(p) => <input {...p} {...register('address.city')} autoComplete="off" />}
          </Field>
          <Field label="State" error={errors.address?.region?.message}>
            {(p) => <input {...p} {...register('address.region')} autoComplete="off" />}
          </Field>
          <Field label="ZIP code" error={errors.address?.postalCode?.message}>
            {(p) => <input {...p} {...register('address.postalCode')} autoComplete="off" />}
          </Field>
        </div>
      </fieldset>
      <fieldset>
        <legend>Health insurance (optional)</legend>
        <p className="field-hint">Printed on superbills, for a claim to the insurer.</p>
        <div className="field-grid">
          <Field label="Insurance company" error={errors.insurance?.payer?.message}>
            {(p) => <input {...p} {...register('insurance.payer')} autoComplete="off" />}
          </Field>
          <Field label="Member ID" error={errors.insurance?.memberId?.message}>
            {(p) => <input {...p} {...register('insurance.memberId')} autoComplete="off" />}
          </Field>
          <Field label="Group number (optional)" error={errors.insurance?.groupNumber?.message}>
            {(p) => <input {...p} {...register('insurance.groupNumber')} autoComplete="off" />}
          </Field>
        </div>
      </fieldset>
    </>
  );
}

/** The form's values for a record as stored (an absent value is an empty box). */
export function formValuesOf(p: Patient): PatientFormValues {
  const person = (c: Patient['guardian']) => ({
    name: c?.name ?? '',
    relationship: c?.relationship ?? '',
    phone: c?.phone ?? '',
    email: c?.email ?? '',
  });
  return {
    ...emptyPatient,
    legalFirstName: p.legalFirstName,
    legalLastName: p.legalLastName,
    preferredName: p.preferredName ?? '',
    pronouns: p.pronouns ?? '',
    sexAssignedAtBirth: p.sexAssignedAtBirth ?? '',
    genderIdentity: p.genderIdentity ?? '',
    dateOfBirth: p.dateOfBirth,
    language: p.language,
    email: p.email ?? '',
    phone: p.phone ?? '',
    contactPreferences: {
      channel: p.contactPreferences?.channel ?? '',
      reminders: p.contactPreferences?.reminders ?? true,
    },
    emergencyContact: person(p.emergencyContact),
    guardian: person(p.guardian),
    address: {
      line1: p.address?.line1 ?? '',
      line2: p.address?.line2 ?? '',
      city: p.address?.city ?? '',
      region: p.address?.region ?? '',
      postalCode: p.address?.postalCode ?? '',
    },
    insurance: {
      payer: p.insurance?.payer ?? '',
      memberId: p.insurance?.memberId ?? '',
      groupNumber: p.insurance?.groupNumber ?? '',
    },
    notes: p.notes ?? '',
  };
}

/** Only what changed, with an emptied field sent as null (PATCH clears it). */
export function changedFields<T extends object>(before: T, after: T): Partial<Record<keyof T, unknown>> {
  const patch: Partial<Record<keyof T, unknown>> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof T>) {
    if (key === 'confirmNotDuplicate') continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) patch[key] = after[key] ?? null;
  }
  return patch;
}
