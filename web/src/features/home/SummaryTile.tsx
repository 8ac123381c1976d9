import { Link } from 'react-router';
import { tileFigure } from './summary.ts';

/** A number at a glance that leads to where it is dealt with; a neutral placeholder while it loads. */
export function SummaryTile({
  to,
  number,
  one,
  many,
  failed,
}: {
  to: string;
  number: number | undefined;
  one: string;
  many: string;
  /** The count could not be loaded: said as such, not left loading. */
  failed?: boolean;
}) {
  const figure = tileFigure(number, { one, many, failed });
  const content = (
    <>
      <span className="summary-number">
        {figure.state === 'ready' ? (
          figure.number
        ) : figure.state === 'loading' ? (
          <>
            <span className="loading-placeholder" aria-hidden="true" />
            <span className="visually-hidden">Loading</span>
          </>
        ) : (
          <span className="summary-failed">Could not load</span>
        )}
      </span>
      <span className="summary-label">{figure.label}</span>
    </>
  );
  // A list further down the same page: a plain anchor, so the browser scrolls to it.
  if (to.startsWith('#'))
    return (
      <a className="summary-tile" href={to}>
        {content}
      </a>
    );
  return (
    <Link className="summary-tile" to={to}>
      {content}
    </Link>
  );
}
