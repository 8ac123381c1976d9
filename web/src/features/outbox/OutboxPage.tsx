import { useInfiniteQuery } from '@tanstack/react-query';
import { Fragment } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import type { OutboxMessage } from '../../api/types.ts';
import { useClinic } from '../../app/session.tsx';
import { formatDateTime } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { EmptyState, LoadError, Loading } from '../../components/Status.tsx';

/** E-mail the clinic sent (or would have sent): without an e-mail server, owners pass links on from here. */
export function OutboxPage() {
  const clinic = useClinic();
  const messages = useInfiniteQuery({
    queryKey: ['outbox', clinic.id],
    queryFn: ({ pageParam }) => endpoints.outbox(clinic.id, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = messages.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Page
      title="E-mail outbox"
      intro={
        <p>
          Messages Palpa sent for {clinic.name}, newest first. When no e-mail server is set up, messages stay
          here: copy an invitation link and pass it on yourself.
        </p>
      }
    >
      {messages.isPending ? (
        <Loading />
      ) : messages.isError ? (
        <LoadError error={messages.error} retry={() => messages.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title="No e-mail yet">Invitations you send appear here.</EmptyState>
      ) : (
        <ul className="card-list">
          {items.map((message) => (
            <li key={message.id} className="card">
              <MessageView message={message} timeZone={clinic.timeZone} />
            </li>
          ))}
        </ul>
      )}
      {messages.hasNextPage ? (
        <div className="form-actions">
          <button
            type="button"
            className="button button-secondary"
            onClick={() => messages.fetchNextPage()}
            disabled={messages.isFetchingNextPage}
          >
            {messages.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </button>
        </div>
      ) : null}
    </Page>
  );
}

function MessageView({ message, timeZone }: { message: OutboxMessage; timeZone: string }) {
  const status = message.sentAt
    ? { label: `Sent ${formatDateTime(message.sentAt, timeZone)}`, tone: 'allowed' }
    : message.lastError
      ? { label: 'Not delivered', tone: 'failed' }
      : { label: 'Not sent (no e-mail server)', tone: 'muted' };
  return (
    <article aria-label={message.subject}>
      <header className="message-header">
        <h2 className="message-subject">{message.subject}</h2>
        <span className={`badge badge-${status.tone}`}>{status.label}</span>
      </header>
      <p className="muted small break">
        To {message.to} · {formatDateTime(message.createdAt, timeZone)}
      </p>
      {message.lastError ? <p className="field-error">Delivery error: {message.lastError}</p> : null}
      <div className="message-body">
        <Linkified text={message.text} />
      </div>
      {message.attachments.length > 0 ? (
        <p className="small">
          Attached:{' '}
          {message.attachments.map((file) => (
            <a
              key={file.filename}
              href={`data:${file.contentType},${encodeURIComponent(file.content)}`}
              download={file.filename}
            >
              {file.filename}
            </a>
          ))}
        </p>
      ) : null}
    </article>
  );
}

/** Plain text with its http(s) links made clickable. */
function Linkified({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s]+)/g);
  return (
    <>
      {parts.map((part, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text
        <Fragment key={index}>{/^https?:\/\//.test(part) ? <a href={part}>{part}</a> : part}</Fragment>
      ))}
    </>
  );
}
