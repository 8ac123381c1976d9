import { Link } from 'react-router';

/** A number at a glance that leads to where it is dealt with; a dash while it loads. */
export function SummaryTile({
  to,
  number,
  one,
  many,
}: {
  to: string;
  number: number | undefined;
  one: string;
  many: string;
}) {
  const content = (
    <>
      <span className="summary-number">{number ?? '–'}</span>
      <span className="summary-label">{number === 1 ? one : many}</span>
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
