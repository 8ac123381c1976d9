import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { priorAuthorizationInput } from '../../../../src/modules/referrals/schemas.ts';
import { useClinic } from '../../app/session.tsx';
import { Field } from '../../components/Field.tsx';
import { blankAsNullResolver } from '../../components/forms.ts';
import { ServerForm } from '../../components/ServerForm.tsx';
import { clinical, type Referral } from '../patients/api.ts';

type Values = { number: string };
type Output = z.output<typeof priorAuthorizationInput>;

/** A blank number is sent as null: it clears the number. */
const resolver = blankAsNullResolver<Values, Output>(priorAuthorizationInput);

/**
 * The payer's prior authorisation number for a referral's course of care, for the front desk: shown on the
 * referral card and edited in place (the superbill prints it, box 23).
 */
export function PriorAuthorization({ referral, onSaved }: { referral: Referral; onSaved: () => void }) {
  const clinic = useClinic();
  const [editing, setEditing] = useState(false);
  const form = useForm<Values, unknown, Output>({
    resolver,
    defaultValues: { number: referral.priorAuthorizationNumber ?? '' },
  });
  if (!editing)
    return (
      <div className="claim-details">
        <span className="small">
          <strong>Prior authorisation:</strong> {referral.priorAuthorizationNumber ?? 'none recorded'}
        </span>{' '}
        <button type="button" className="button button-quiet" onClick={() => setEditing(true)}>
          {referral.priorAuthorizationNumber ? 'Change the number' : 'Add the number'}
        </button>
      </div>
    );
  return (
    <ServerForm
      form={form}
      fields={['number']}
      onSave={async (values) => {
        await clinical.savePriorAuthorization(clinic.id, referral.id, values);
        setEditing(false);
        onSaved();
      }}
      submitLabel="Save the number"
      submittingLabel="Saving…"
      onCancel={() => setEditing(false)}
      className="form claim-form"
      label="Prior authorisation"
    >
      <Field
        label="Prior authorisation number"
        hint="As the insurer gave it. Leave blank to clear it."
        error={form.formState.errors.number?.message}
      >
        {(p) => <input {...p} {...form.register('number')} autoComplete="off" />}
      </Field>
    </ServerForm>
  );
}
