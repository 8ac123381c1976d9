import { TableScroll } from '../../components/TableScroll.tsx';
import type { Assessment } from './api.ts';
import { motionLabel } from './RomEditor.tsx';

/** Measured range of motion against its reference, as an evaluation or a session note recorded it. */
export function RomResultTable({ rows }: { rows: Assessment['rom'] }) {
  return (
    <TableScroll label="Range of motion">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Joint and motion</th>
            <th scope="col">Measured</th>
            <th scope="col">Normal (source)</th>
            <th scope="col">% of normal</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.jointMotion}-${r.side}`}>
              <td>
                {motionLabel(r.jointMotion)}
                {r.side ? ` (${r.side})` : ''}
              </td>
              <td>
                {r.value} {r.unit === 'mm' ? 'mm' : '°'}
              </td>
              <td>
                {r.normal} ({r.normalSource})
              </td>
              <td>{r.percentOfNormal === null ? '—' : `${Math.round(r.percentOfNormal)} %`}</td>
              <td>{r.status.replace('-', ' ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
