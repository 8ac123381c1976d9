import { useId, useState } from 'react';
import { canonicalTimeZones, timeZoneGroups } from './time-zones.ts';

let zones: string[] | undefined;
/** The browser's IANA time zones that the server accepts, each once under its current name, and UTC. */
export function allTimeZones(): string[] {
  zones ??= canonicalTimeZones(Intl.supportedValuesOf('timeZone'));
  return zones;
}

/**
 * A select of time zones, the common ones first with their offset today and the rest by region, with a search
 * box that narrows it (typing "Chicago" picks America/Chicago, "Calcutta" finds Kolkata).
 */
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
  // Offsets as of when the field opened: a form is not kept open across a change of daylight saving time.
  const [at] = useState(() => new Date());
  const [localZone] = useState(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  // Cheap enough to work out on each keystroke: the common zones' formatters are made once.
  const narrowed = (text: string) =>
    timeZoneGroups({ zones: allTimeZones(), value, search: text, at, localZone });
  const { groups, matched } = narrowed(search);
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
            // The best match is chosen as one types, so "Chicago" then Tab is enough.
            const best = next.trim() ? narrowed(next).best : undefined;
            if (best && best !== value) onChange(best);
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
          {groups.map((group) => (
            <optgroup key={group.label} label={group.label}>
              {group.choices.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <div className="field-hint" aria-live="polite">
        {search ? `${matched} time zone${matched === 1 ? '' : 's'} match` : ''}
      </div>
      <div id={`${id}-error`} className="field-error" aria-live="polite">
        {error ?? ''}
      </div>
    </div>
  );
}
