import { useId, useMemo, useState } from 'react';
import { isValidTimeZone } from '../../../src/platform/schemas.ts';

let zones: string[] | undefined;
/** The browser's IANA time zones (the ones the server accepts). */
export function allTimeZones(): string[] {
  zones ??= Intl.supportedValuesOf('timeZone').filter(isValidTimeZone);
  if (!zones.includes('UTC')) zones.push('UTC');
  return zones;
}

const label = (zone: string) => zone.replaceAll('_', ' ');

/** A select of time zones with a search box that narrows it (typing "Chicago" picks America/Chicago). */
export function TimeZoneSelect({
  value,
  onChange,
  error,
  label: fieldLabel = 'Time zone',
  hint,
}: {
  value: string;
  onChange: (zone: string) => void;
  error?: string;
  label?: string;
  hint?: string;
}) {
  const id = useId();
  const [search, setSearch] = useState('');
  const matches = useMemo(() => {
    const words = search
      .toLowerCase()
      .replaceAll(' ', '_')
      .split(/[\s,]+/)
      .filter(Boolean);
    const list = allTimeZones().filter((z) => words.every((w) => z.toLowerCase().includes(w)));
    return list;
  }, [search]);
  const options = matches.includes(value) || !value ? matches : [value, ...matches];
  const describedBy =
    [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field timezone-field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={`${id}-select`}>{fieldLabel}</label>
      {hint ? (
        <div id={`${id}-hint`} className="field-hint">
          {hint}
        </div>
      ) : null}
      <div className="timezone-controls">
        <input
          type="search"
          className="timezone-search"
          aria-label={`Search ${fieldLabel.toLowerCase()}s`}
          aria-controls={`${id}-select`}
          placeholder="Search, e.g. Chicago"
          value={search}
          onChange={(event) => {
            const next = event.target.value;
            setSearch(next);
            const words = next
              .toLowerCase()
              .replaceAll(' ', '_')
              .split(/[\s,]+/)
              .filter(Boolean);
            const first = allTimeZones().find((z) => words.every((w) => z.toLowerCase().includes(w)));
            if (next && first && first !== value) onChange(first);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') event.preventDefault();
          }}
        />
        <select
          id={`${id}-select`}
          value={value}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          onChange={(event) => onChange(event.target.value)}
        >
          {options.map((zone) => (
            <option key={zone} value={zone}>
              {label(zone)}
            </option>
          ))}
        </select>
      </div>
      <div className="field-hint" aria-live="polite">
        {search ? `${matches.length} time zone${matches.length === 1 ? '' : 's'} match` : ''}
      </div>
      <div id={`${id}-error`} className="field-error" aria-live="polite">
        {error ?? ''}
      </div>
    </div>
  );
}
