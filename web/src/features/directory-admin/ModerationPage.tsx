import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { messageOf } from '../../api/client.ts';
import { useClinic } from '../../app/session.tsx';
import { Field } from '../../components/Field.tsx';
import { Page } from '../../components/Page.tsx';
import { Alert, EmptyState, QueryList } from '../../components/Status.tsx';
import { directoryApi, type Report } from './api.ts';
import { DirectoryTabs } from './DirectoryTabs.tsx';

/** The owner's moderation queue: keep or hide a reported review, with a reason (logged). */
export function ModerationPage() {
  const clinic = useClinic();
  const queue = useQuery({
    queryKey: ['moderation', clinic.id],
    queryFn: () => directoryApi.queue(clinic.id),
  });
  return (
    <Page
      title="Moderation queue"
      intro={
        <p>
          Hide a review only for a reason you would stand behind (personal data, abuse, not a patient's
          experience). Low ratings are not a reason. Every decision is logged.
        </p>
      }
    >
      <DirectoryTabs />
      <QueryList query={queue} empty={<EmptyState title="Nothing to moderate" />}>
        {(items) => (
          <ul className="card-list">
            {items.map((r) => (
              <Decision key={r.id} clinicId={clinic.id} report={r} />
            ))}
          </ul>
        )}
      </QueryList>
    </Page>
  );
}

function Decision({ clinicId, report }: { clinicId: string; report: Report }) {
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const decide = useMutation({
    mutationFn: (decision: 'keep' | 'hide') => directoryApi.decide(clinicId, report.id, { decision, reason }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['moderation', clinicId] }),
  });
  return (
    <li className="card">
      <p>
        <strong>{report.review.rating} of 5</strong> · {report.review.therapistName} · reported by{' '}
        {report.reportedByName}: “{report.reason}”
      </p>
      <blockquote>{report.review.body}</blockquote>
      <Field label="Reason for your decision">
        {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      {decide.isError ? <Alert>{messageOf(decide.error)}</Alert> : null}
      <div className="form-actions">
        <button
          type="button"
          className="button"
          disabled={reason.trim().length < 3 || decide.isPending}
          onClick={() => decide.mutate('keep')}
        >
          Keep published
        </button>
        <button
          type="button"
          className="button button-secondary"
          disabled={reason.trim().length < 3 || decide.isPending}
          onClick={() => decide.mutate('hide')}
        >
          Hide
        </button>
      </div>
    </li>
  );
}
