import { z } from 'zod';
import { AUDIT_ACTION_KIND_IDS } from '../../../../src/modules/audit/labels.ts';
import { auditOutcome } from '../../../../src/modules/audit/schemas.ts';
import type { AuditFilters } from '../../api/endpoints.ts';
import { zonedTimeToIso } from '../../components/format.ts';

/**
 * The audit filters as the page's query string, so a filtered view can be shared or bookmarked:
 * `/audit?kind=clinical&outcome=refused&person=<user id>&patient=<patient id>&from=2026-11-01&to=2026-11-27`.
 * Dates are whole days in the clinic's time zone; the patient is named by id only (never by name in a URL).
 * A value that does not parse is dropped rather than refused: a hand-edited link still opens.
 */
const day = z.iso.date();
const viewSchema = z.object({
  kind: z.enum(AUDIT_ACTION_KIND_IDS).optional().catch(undefined),
  action: z.string().min(1).max(100).optional().catch(undefined),
  outcome: auditOutcome.optional().catch(undefined),
  person: z.uuid().optional().catch(undefined),
  patient: z.uuid().optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
});
export type AuditView = z.infer<typeof viewSchema>;
const KEYS = Object.keys(viewSchema.shape) as (keyof AuditView)[];

export function viewFromSearch(search: URLSearchParams): AuditView {
  const view = viewSchema.parse(Object.fromEntries(KEYS.map((k) => [k, search.get(k) ?? undefined])));
  // One of kind or action: a specific action wins, as the form offers only one "what".
  if (view.action) delete view.kind;
  return Object.fromEntries(Object.entries(view).filter(([, v]) => v !== undefined)) as AuditView;
}

export function searchFromView(view: AuditView): URLSearchParams {
  const search = new URLSearchParams();
  for (const key of KEYS) {
    const value = view[key];
    if (value) search.set(key, value);
  }
  return search;
}

const nextDay = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/** The API's filters for a view: the clinic's days as instants, `to` through the end of its day. */
export function filtersOf(view: AuditView, timeZone: string): AuditFilters {
  return {
    kind: view.kind,
    action: view.action,
    outcome: view.outcome,
    actorUserId: view.person,
    patientId: view.patient,
    from: view.from ? zonedTimeToIso(`${view.from}T00:00`, timeZone) : undefined,
    to: view.to
      ? new Date(new Date(zonedTimeToIso(`${nextDay(view.to)}T00:00`, timeZone)).getTime() - 1).toISOString()
      : undefined,
  };
}
