import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { bookingRules } from '../../../../src/modules/scheduling/schemas.ts';
import { type BookingRules, scheduling } from '../../api/scheduling.ts';
import { useClinic } from '../../app/session.tsx';
import { Field } from '../../components/Field.tsx';
import { ServerForm } from '../../components/ServerForm.tsx';
import { LoadError, Loading } from '../../components/Status.tsx';
import { NumberInput, PriceInput } from './inputs.tsx';
import { SetupSection } from './scaffolding.tsx';
import { reminderMinutes } from './text.ts';

/** The schema's bounds for each reminder (15 minutes to 14 days), in the hours the field is typed in. */
const REMINDER_RANGE = 'Each reminder is from 0.25 to 336 hours (14 days) before, at most 5';

type Input = z.input<typeof bookingRules>;
type Output = z.output<typeof bookingRules>;

export function RulesSection({ onDone }: { onDone: (message: string) => void }) {
  const clinic = useClinic();
  const rules = useQuery({
    queryKey: ['booking-rules', clinic.id],
    queryFn: () => scheduling.rules(clinic.id),
  });
  return (
    <SetupSection id="rules" title="Booking rules">
      {rules.isPending ? (
        <Loading />
      ) : rules.isError ? (
        <LoadError error={rules.error} retry={() => rules.refetch()} />
      ) : (
        <RulesForm
          rules={rules.data}
          onSaved={() => {
            void rules.refetch();
            onDone('Booking rules are saved.');
          }}
        />
      )}
    </SetupSection>
  );
}

function RulesForm({ rules, onSaved }: { rules: BookingRules; onSaved: () => void }) {
  const clinic = useClinic();
  const [reminderText, setReminderText] = useState(
    rules.reminderOffsetsMinutes.map((m) => m / 60).join(', '),
  );
  const form = useForm<Input, unknown, Output>({ resolver: zodResolver(bookingRules), defaultValues: rules });
  const {
    register,
    control,
    formState: { errors },
  } = form;
  const nullable = { setValueAs: (v: string | null) => (v?.trim() ? v : null) };
  return (
    <ServerForm
      form={form}
      fields={[
        'minNoticeMinutes',
        'maxDaysAhead',
        'slotGranularityMinutes',
        'lateCancellationHours',
        'lateCancellationFeeCents',
        'noShowFeeCents',
        'reminderOffsetsMinutes',
        'whatToBring',
        'selfCareTips',
      ]}
      onSave={async (values) => {
        await scheduling.updateRules(clinic.id, values);
        onSaved();
      }}
      submitLabel="Save booking rules"
    >
      <div className="field-grid">
        <Controller
          control={control}
          name="minNoticeMinutes"
          render={({ field, fieldState }) => (
            <NumberInput
              label="Minimum notice for online booking (minutes)"
              hint="e.g. 120 = two hours"
              field={field}
              error={fieldState.error?.message}
            />
          )}
        />
        <Controller
          control={control}
          name="maxDaysAhead"
          render={({ field, fieldState }) => (
            <NumberInput
              label="Patients may book up to (days ahead)"
              field={field}
              error={fieldState.error?.message}
            />
          )}
        />
        <Field label="Time grid for online booking" error={errors.slotGranularityMinutes?.message}>
          {(p) => (
            <select {...p} {...register('slotGranularityMinutes', { valueAsNumber: true })}>
              {[5, 10, 15, 20, 30, 60].map((n) => (
                <option key={n} value={n}>
                  Every {n} minutes
                </option>
              ))}
            </select>
          )}
        </Field>
        <Controller
          control={control}
          name="lateCancellationHours"
          render={({ field, fieldState }) => (
            <NumberInput
              label="Late cancellation window (hours)"
              hint="Cancelling later than this counts as late"
              field={field}
              error={fieldState.error?.message}
            />
          )}
        />
        <Controller
          control={control}
          name="lateCancellationFeeCents"
          render={({ field, fieldState }) => (
            <PriceInput
              label="Late-cancellation fee (USD, 0 for none)"
              field={field}
              error={fieldState.error?.message}
            />
          )}
        />
        <Controller
          control={control}
          name="noShowFeeCents"
          render={({ field, fieldState }) => (
            <PriceInput
              label="No-show fee (USD, 0 for none)"
              field={field}
              error={fieldState.error?.message}
            />
          )}
        />
      </div>
      <p className="small muted">
        Fees are told to patients before they book and in every confirmation and reminder, charged to the
        patient's account when it happens, and may be waived from the chart.
      </p>
      <Controller
        control={control}
        name="reminderOffsetsMinutes"
        render={({ field, fieldState }) => (
          <Field
            label="E-mail reminders (hours before)"
            hint="Separated by commas, e.g. 48, 2. Leave empty for no reminders."
            // The schema refuses an entry by its index (reminderOffsetsMinutes.1), which has no field of
            // its own: the one input says what is wrong with its text.
            error={fieldState.invalid ? (reminderMinutes(reminderText).error ?? REMINDER_RANGE) : undefined}
          >
            {(p) => (
              <input
                {...p}
                name={field.name}
                ref={field.ref}
                value={reminderText}
                onChange={(e) => {
                  setReminderText(e.target.value);
                  field.onChange(reminderMinutes(e.target.value).minutes);
                }}
                onBlur={field.onBlur}
              />
            )}
          </Field>
        )}
      />
      <Field
        label="What to bring"
        hint="In confirmations and reminders (no health details)"
        error={errors.whatToBring?.message}
      >
        {(p) => <textarea {...p} rows={2} {...register('whatToBring', nullable)} />}
      </Field>
      <Field
        label="Self-care tips"
        hint="E.g. drink water before and after your session"
        error={errors.selfCareTips?.message}
      >
        {(p) => <textarea {...p} rows={2} {...register('selfCareTips', nullable)} />}
      </Field>
    </ServerForm>
  );
}
