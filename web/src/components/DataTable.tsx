import { Fragment, type ReactNode } from 'react';

export interface Column<T> {
  /** The column header, repeated as each cell's data-label (the cell's label on a phone). */
  label: string;
  cell: (row: T) => ReactNode;
  className?: string;
  /** For a column of buttons: the header is for screen readers only and the cells get no phone label. */
  hideLabel?: boolean;
}

/** A responsive table written once, so a column's header and its phone label (data-label) stay in one place. */
export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  rowClassName,
  rowHeader = true,
  className,
  rowDetail,
}: {
  /** Visually hidden; names the table for screen readers. */
  caption: string;
  /** Falsy entries are skipped, for columns shown only to some roles. */
  columns: readonly (Column<T> | false | null | undefined)[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  rowClassName?: (row: T) => string | undefined;
  /** Whether the first column's cells are row headers (`<th scope="row">`). */
  rowHeader?: boolean;
  /** Classes added to `table responsive-table`. */
  className?: string;
  /** A full-width row under a row (e.g. an inline editor), or null for none. */
  rowDetail?: (row: T) => ReactNode;
}) {
  const shown = columns.filter((c): c is Column<T> => Boolean(c));
  return (
    <table className={`table responsive-table${className ? ` ${className}` : ''}`}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {shown.map((c) => (
            <th key={c.label} scope="col">
              {c.hideLabel ? <span className="visually-hidden">{c.label}</span> : c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const detail = rowDetail?.(row);
          return (
            <Fragment key={rowKey(row)}>
              <tr className={rowClassName?.(row)}>
                {shown.map((c, i) => {
                  const props = { 'data-label': c.hideLabel ? undefined : c.label, className: c.className };
                  return i === 0 && rowHeader ? (
                    <th key={c.label} scope="row" {...props}>
                      {c.cell(row)}
                    </th>
                  ) : (
                    <td key={c.label} {...props}>
                      {c.cell(row)}
                    </td>
                  );
                })}
              </tr>
              {detail == null ? null : (
                <tr className="row-editor">
                  <td colSpan={shown.length}>{detail}</td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
