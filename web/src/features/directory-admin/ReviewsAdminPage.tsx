import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { messageOf } from '../../api/client.ts';
import { useClinic, useSession } from '../../app/session.tsx';
import { Field } from '../../components/Field.tsx';
import { formatDate } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { Alert, EmptyState, QueryList } from '../../components/Status.tsx';
import { directoryApi, type StaffReview } from './api.ts';
import { DirectoryTabs } from './DirectoryTabs.tsx';
import { reportWording } from './report-wording.ts';

/** Verified reviews: reply publicly, or report one for moderation. Patients' words cannot be edited or deleted. */
export function ReviewsAdminPage() {
  const clinic = useClinic();
  const wording = reportWording(useSession().roles.includes('owner'));
  const list = useQuery({ queryKey: ['reviews', clinic.id], queryFn: () => directoryApi.reviews(clinic.id) });
  return (
    <Page
      title="Reviews"
      intro={
        <p>
          {`Reviews come only from patients with a completed session. You can reply publicly or ${wording.intro}; nobody can change a patient's words.`}
        </p>
      }
    >
      <DirectoryTabs />
      <QueryList query={list} empty={<EmptyState title="No reviews yet" />}>
        {(items) => (
          <ul className="card-list">
            {items.map((r) => (
              <ReviewItem
                key={r.id}
                clinicId={clinic.id}
                timeZone={clinic.timeZone}
                review={r}
                wording={wording}
              />
            ))}
          </ul>
        )}
      </QueryList>
    </Page>
  );
}

function ReviewItem({
  clinicId,
  timeZone,
  review,
  wording,
}: {
  clinicId: string;
  timeZone: string;
  review: StaffReview;
  wording: ReturnType<typeof reportWording>;
}) {
  const client = useQueryClient();
  const [reply, setReply] = useState(review.reply ?? '');
  const [reason, setReason] = useState('');
  const refresh = () => client.invalidateQueries({ queryKey: ['reviews', clinicId] });
  const save = useMutation({
    mutationFn: () => directoryApi.reply(clinicId, review.id, reply),
    onSuccess: refresh,
  });
  const report = useMutation({
    mutationFn: () => directoryApi.report(clinicId, review.id, reason),
    onSuccess: refresh,
  });
  return (
    <li className="card">
      <p>
        <strong>{review.rating} of 5</strong> · {review.therapistName} ·{' '}
        {formatDate(review.createdAt, timeZone)}
        {review.status === 'hidden' ? ' · hidden by moderation' : ''}
        {review.openReportId ? (
          <>
            {' · '}
            {wording.linkToQueue ? (
              <Link to="/directory-admin/moderation">{wording.pending}</Link>
            ) : (
              wording.pending
            )}
          </>
        ) : null}
      </p>
      <blockquote>{review.body}</blockquote>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Field label="Public reply" hint="Never mention the patient's health or treatment">
          {(p) => <textarea {...p} rows={2} value={reply} onChange={(e) => setReply(e.target.value)} />}
        </Field>
        {save.isError ? <Alert>{messageOf(save.error)}</Alert> : null}
        <button type="submit" className="button" disabled={save.isPending || reply.trim() === ''}>
          Save reply
        </button>
      </form>
      {review.openReportId ? null : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            report.mutate();
          }}
        >
          <Field label={wording.reason}>
            {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          {report.isError ? <Alert>{messageOf(report.error)}</Alert> : null}
          <button
            type="submit"
            className="button button-secondary"
            disabled={report.isPending || reason.trim().length < 3}
          >
            {wording.button}
          </button>
        </form>
      )}
    </li>
  );
}
