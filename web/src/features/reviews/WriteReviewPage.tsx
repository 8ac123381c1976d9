import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { z } from 'zod';
import { type eligibility, reviewInput } from '../../../../src/modules/reviews/schemas.ts';
import { ApiError, api, messageOf } from '../../api/client.ts';
import { Field } from '../../components/Field.tsx';
import { formatDay } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { Alert, LoadError, Loading } from '../../components/Status.tsx';

/** /reviews/new?appointmentId=…: a patient reviews the therapist of a completed session. */
export function WriteReviewPage() {
  const [params] = useSearchParams();
  const appointmentId = params.get('appointmentId') ?? '';
  const [rating, setRating] = useState(0);
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const check = useQuery({
    queryKey: ['review-eligibility', appointmentId],
    queryFn: () => api<z.infer<typeof eligibility>>('/api/reviews/eligibility', { query: { appointmentId } }),
    enabled: appointmentId !== '',
  });
  const submit = useMutation({
    mutationFn: (input: z.infer<typeof reviewInput>) => api('/api/reviews', { body: input }),
    onError: (error) => {
      const issue = error instanceof ApiError ? error.fieldIssues.find((i) => i.path === 'body') : undefined;
      if (issue) setErrors({ body: issue.message });
    },
  });
  if (!appointmentId)
    return (
      <Page title="Write a review">
        <Alert>This link is incomplete: open it again from your e-mail.</Alert>
      </Page>
    );
  if (check.isPending) return <Loading />;
  if (check.isError)
    return (
      <Page title="Write a review">
        <LoadError error={check.error} />
      </Page>
    );
  const info = check.data;
  if (submit.isSuccess) {
    return (
      <Page title="Thank you">
        <p>Your review of {info.therapistName} is published.</p>
      </Page>
    );
  }
  return (
    <Page
      title="Write a review"
      intro={
        <p>
          {info.therapistName} at {info.clinicName}, session on {formatDay(info.date)}.
        </p>
      }
    >
      {!info.eligible ? (
        <Alert tone="info">{info.reason}</Alert>
      ) : (
        <form
          className="narrow"
          onSubmit={(e) => {
            e.preventDefault();
            const parsed = reviewInput.safeParse({ appointmentId, rating, body });
            if (!parsed.success) {
              setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
              return;
            }
            setErrors({});
            submit.mutate(parsed.data);
          }}
        >
          <Alert tone="warning">
            Please do not share health details (conditions, diagnoses, medications): your review is public.
            Write about your experience instead.
          </Alert>
          <fieldset aria-describedby={errors.rating ? 'rating-error' : undefined}>
            <legend>Your rating</legend>
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n} className="radio">
                <input
                  type="radio"
                  name="rating"
                  value={n}
                  checked={rating === n}
                  onChange={() => setRating(n)}
                />{' '}
                {n} of 5
              </label>
            ))}
            {errors.rating ? (
              <p id="rating-error" className="field-error">
                {errors.rating}
              </p>
            ) : null}
          </fieldset>
          <Field label="Your review" error={errors.body}>
            {(p) => <textarea {...p} rows={5} value={body} onChange={(e) => setBody(e.target.value)} />}
          </Field>
          {submit.isError && !errors.body ? <Alert>{messageOf(submit.error)}</Alert> : null}
          <div className="form-actions">
            <button type="submit" className="button" disabled={submit.isPending}>
              Publish review
            </button>
          </div>
        </form>
      )}
    </Page>
  );
}
