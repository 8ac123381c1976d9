import { BODY_REGIONS, REGION_GROUPS } from '../../../../src/domain/catalog/body-regions.ts';
import { TECHNIQUES } from '../../../../src/domain/catalog/techniques.ts';
import { Checkbox } from '../../components/Field.tsx';

const GROUP_IDS = new Set<string>(REGION_GROUPS.map((g) => g.id));
/** Regions that are not also the name of a whole area (head, chest, abdomen are both). */
const SINGLE_REGIONS = BODY_REGIONS.filter((r) => !GROUP_IDS.has(r.id));

/** Requested techniques and body areas, from the catalog (whole areas first, single regions on demand). */
export function ServicesFields({
  techniques,
  regions,
  onTechniques,
  onRegions,
  errors,
}: {
  techniques: string[];
  regions: string[];
  onTechniques: (ids: string[]) => void;
  onRegions: (ids: string[]) => void;
  errors: Record<string, string>;
}) {
  const toggle = (list: string[], id: string, on: boolean) =>
    on ? [...list, id] : list.filter((x) => x !== id);
  const single = regions.filter((r) => !GROUP_IDS.has(r));
  return (
    <>
      <fieldset>
        <legend>Requested techniques</legend>
        <div className="checkbox-row">
          {TECHNIQUES.map((t) => (
            <Checkbox
              key={t.id}
              label={t.name}
              checked={techniques.includes(t.id)}
              onChange={(e) => onTechniques(toggle(techniques, t.id, e.target.checked))}
            />
          ))}
        </div>
        <div className="field-error">{errors.techniques ?? ''}</div>
      </fieldset>
      <fieldset>
        <legend>Body areas</legend>
        <div className="checkbox-row">
          {REGION_GROUPS.map((g) => (
            <Checkbox
              key={g.id}
              label={g.label}
              checked={regions.includes(g.id)}
              onChange={(e) => onRegions(toggle(regions, g.id, e.target.checked))}
            />
          ))}
        </div>
        <details open={single.length > 0}>
          <summary>Single regions{single.length ? ` (${single.length} chosen)` : ''}</summary>
          <div className="checkbox-row">
            {SINGLE_REGIONS.map((r) => (
              <Checkbox
                key={r.id}
                label={r.label}
                checked={regions.includes(r.id)}
                onChange={(e) => onRegions(toggle(regions, r.id, e.target.checked))}
              />
            ))}
          </div>
        </details>
        <div className="field-error">{errors.bodyRegions ?? ''}</div>
      </fieldset>
    </>
  );
}
