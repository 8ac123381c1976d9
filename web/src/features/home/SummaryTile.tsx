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
  return (
    <Link className="summary-tile" to={to}>
      <span className="summary-number">{number ?? '–'}</span>
      <span className="summary-label">{number === 1 ? one : many}</span>
    </Link>
  );
}
