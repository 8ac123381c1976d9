import { useId } from 'react';
import { BODY_REGIONS, REGION_GROUPS } from '../../../../src/domain/catalog/body-regions.ts';
import { siteName } from '../patients/labels.tsx';

const GROUP_IDS = new Set<string>(REGION_GROUPS.map((g) => g.id));
const REGIONS = BODY_REGIONS.filter((r) => !GROUP_IDS.has(r.id));

/**
 * Where on the body: choose a place from a list (a body chart comes later), shown as removable chips.
 * `regionsOnly`: single regions (pain), otherwise whole areas too.
 */
export function SitePicker({
  label,
  value,
  onChange,
  regionsOnly = false,
  error,
}: {
  label: string;
  value: string[];
  onChange: (sites: string[]) => void;
  regionsOnly?: boolean;
  error?: string;
}) {
  const id = useId();
  const regions = regionsOnly ? BODY_REGIONS : REGIONS;
  return (
    <div className={`field site-picker${error ? ' field-invalid' : ''}`}>
      <label htmlFor={`${id}-add`}>{label}</label>
      {value.length ? (
        <ul className="chips" aria-label={`${label}: chosen`}>
          {value.map((site) => (
            <li key={site} className="chip">
              {siteName(site)}
              <button
                type="button"
                className="chip-remove"
                aria-label={`Remove ${siteName(site)}`}
                onClick={() => onChange(value.filter((s) => s !== site))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <select
        id={`${id}-add`}
        value=""
        aria-describedby={error ? `${id}-err` : undefined}
        aria-invalid={error ? true : undefined}
        onChange={(e) => {
          const site = e.target.value;
          if (site && !value.includes(site)) onChange([...value, site]);
        }}
      >
        <option value="">{value.length ? 'Add another place…' : 'Choose a place…'}</option>
        {regionsOnly ? null : (
          <optgroup label="Whole areas">
            {REGION_GROUPS.map((g) => (
              <option key={g.id} value={g.id} disabled={value.includes(g.id)}>
                {g.label}
              </option>
            ))}
          </optgroup>
        )}
        <optgroup label="Body regions">
          {regions.map((r) => (
            <option key={r.id} value={r.id} disabled={value.includes(r.id)}>
              {r.label}
            </option>
          ))}
        </optgroup>
      </select>
      <div id={`${id}-err`} className="field-error" aria-live="polite">
        {error ?? ''}
      </div>
    </div>
  );
}
