import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { claimInput } from '../../../../src/modules/referrals/schemas.ts';
import { useClinic } from '../../app/session.tsx';
import { Field } from '../../components/Field.tsx';
import { formatDay } from '../../components/format.ts';
import { blankAsNullResolver } from '../../components/forms.ts';
import { ServerForm } from '../../components/ServerForm.tsx';
import { type Claim, clinical, type Referral } from '../patients/api.ts';

const FIELDS = [
  'carrier',
  'claimNumber',
  'adjusterName',
  'adjusterPhone',
  'employer',
  'firstContactDate',
] as const;
type Values = Record<(typeof FIELDS)[number], string>;
type Output = z.output<typeof claimInput>;

/** Blanks are sent as null: PUT replaces the claim, so a cleared field is cleared. */
const resolver = blankAsNullResolver<Values, Output>(claimInput);

/**
 * The claim behind a referral related to an injury, for the front desk: shown on the referral card, edited in
 * place. The employer is asked for a work injury, the date of first contact for an auto accident.
 */
export function ClaimDetails({
  referral,
  claim,
  onSaved,
}: {
  referral: Referral;
  claim: Claim | undefined;
  onSaved: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const cause = referral.injury?.cause;
  // A renewal without a claim of its own shows the one it goes on under; saving gives it its own.
  const inherited = claim !== undefined && claim.referralId !== referral.id;
  if (editing)
    return (
      <ClaimForm
        referral={referral}
        claim={claim}
        onCancel={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          onSaved();
        }}
      />
    );
  const facts = claim
    ? [
        claim.carrier ? `${claim.carrier}` : null,
        claim.claimNumber ? `claim ${claim.claimNumber}` : null,
        claim.adjusterName
          ? `adjuster ${claim.adjusterName}${claim.adjusterPhone ? `, ${claim.adjusterPhone}` : ''}`
          : null,
        cause === 'employment' && claim.employer ? `employer ${claim.employer}` : null,
        claim.firstContactDate ? `first contact ${formatDay(claim.firstContactDate)}` : null,
      ].filter(Boolean)
    : [];
  return (
    <div className="claim-details">
      <span className="small">
        <strong>{inherited ? 'Claim (as on the referral this renews):' : 'Claim:'}</strong>{' '}
        {facts.length ? facts.join(' · ') : 'no details yet'}
      </span>{' '}
      <button type="button" className="button button-quiet" onClick={() => setEditing(true)}>
        {claim ? 'Edit the claim' : 'Add claim details'}
      </button>
    </div>
  );
}

function ClaimForm({
  referral,
  claim,
  onSaved,
  onCancel,
}: {
  referral: Referral;
  claim: Claim | undefined;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const clinic = useClinic();
  const form = useForm<Values, unknown, Output>({
    resolver,
    defaultValues: Object.fromEntries(FIELDS.map((f) => [f, claim?.[f] ?? ''])) as Values,
  });
  const errors = form.formState.errors;
  const text = (name: (typeof FIELDS)[number], label: string, type = 'text') => (
    <Field label={label} error={errors[name]?.message}>
      {(p) => <input {...p} {...form.register(name)} type={type} autoComplete="off" />}
    </Field>
  );
  const cause = referral.injury?.cause;
  return (
    <ServerForm
      form={form}
      fields={FIELDS}
      onSave={async (values) => {
        await clinical.saveClaim(clinic.id, referral.id, values);
        onSaved();
      }}
      submitLabel="Save the claim"
      submittingLabel="Saving…"
      onCancel={onCancel}
      className="form claim-form"
      label="Claim"
    >
      <div className="field-grid">
        {text('carrier', cause === 'employment' ? 'Workers’ compensation carrier' : 'Insurance company')}
        {text('claimNumber', 'Claim number')}
        {text('adjusterName', 'Adjuster')}
        {text('adjusterPhone', 'Adjuster’s phone', 'tel')}
        {cause === 'employment' ? text('employer', 'Employer') : null}
        {cause === 'auto_accident' ? text('firstContactDate', 'Date of first contact', 'date') : null}
      </div>
    </ServerForm>
  );
}
