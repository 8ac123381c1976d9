import { type ReactNode, useState } from 'react';
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import { applyApiError } from './forms.ts';
import { Alert } from './Status.tsx';

/**
 * A form that saves to the API: `onSave` gets the validated values; an API error is shown next to the `fields`
 * it names, anything else above the form. Then the submit button and, with `onCancel`, Cancel.
 */
export function ServerForm<T extends FieldValues, O>({
  form,
  fields,
  onSave,
  submitLabel,
  submittingLabel = submitLabel,
  onCancel,
  className = 'form',
  label,
  children,
}: {
  form: UseFormReturn<T, unknown, O>;
  fields: readonly Path<T>[];
  onSave: (values: O) => Promise<unknown>;
  submitLabel: string;
  submittingLabel?: string;
  onCancel?: () => void;
  className?: string;
  /** The form's accessible name, when the page has more than one. */
  label?: string;
  children: ReactNode;
}) {
  const [formError, setFormError] = useState<string | null>(null);
  const save = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await onSave(values);
    } catch (error) {
      setFormError(applyApiError(error, form.setError, fields));
    }
  });
  return (
    <form
      className={className}
      aria-label={label}
      noValidate
      onSubmit={(event) => {
        // React bubbles a submit through portals: a form opened from within another must not submit that one.
        event.stopPropagation();
        return save(event);
      }}
    >
      <Alert>{formError}</Alert>
      {children}
      <div className="form-actions">
        <button type="submit" className="button" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? submittingLabel : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button button-quiet" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
