import type { z } from 'zod';
import type { Database } from '../../db/connection.ts';
import type { PatientAccess } from '../../platform/patient-access.ts';
import { type Permission, rolesAllow } from '../../platform/permissions.ts';

/**
 * The patient chart is assembled from sections that capabilities contribute. A capability registers its
 * section once (from its routes plugin) and the chart endpoint calls it; nobody edits the patients module:
 *
 *   registerChartSection({ id: 'flags', title: 'Safety flags', order: 0, permission: 'clinical.read',
 *     schema: flagsSchema, load: ({ db, clinicId, patientId }) => loadFlags(db, clinicId, patientId) });
 *
 * `schema` is the section's allow-list: what `load` answers is parsed with it, so no other field is sent.
 */
export interface ChartContext {
  db: Database;
  clinicId: string;
  patientId: string;
  access: PatientAccess;
  now: Date;
  /** The clinic's local date, YYYY-MM-DD. */
  today: string;
}

export interface ChartSectionProvider<T = unknown> {
  id: string;
  title: string;
  /** Lower comes first. */
  order: number;
  /** The caller needs this permission (by role) to see the section; otherwise it is left out. */
  permission?: Permission;
  schema: z.ZodType<T>;
  load(context: ChartContext): Promise<T>;
}

/** Sections the chart always shows, in this order, as placeholders until their capability registers them. */
export const CHART_SLOTS: readonly { id: string; title: string; order: number }[] = [
  { id: 'flags', title: 'Safety flags', order: 0 },
  { id: 'referrals', title: 'Referrals', order: 10 },
  { id: 'intake', title: 'Intake', order: 20 },
  { id: 'documents', title: 'Documents', order: 30 },
];

const providers = new Map<string, ChartSectionProvider>();

/** Adds (or replaces, by id) a chart section. Safe to call again when the app is built twice (tests). */
export function registerChartSection<T>(provider: ChartSectionProvider<T>): void {
  providers.set(provider.id, provider as ChartSectionProvider);
}

export async function loadChartSections(
  context: ChartContext,
): Promise<{ id: string; title: string; available: boolean; data: unknown }[]> {
  const slots = new Map(CHART_SLOTS.map((s) => [s.id, s]));
  const ids = new Set([...slots.keys(), ...providers.keys()]);
  const entries = [...ids].map((id) => {
    const provider = providers.get(id);
    const slot = slots.get(id);
    return { id, provider, title: provider?.title ?? slot!.title, order: provider?.order ?? slot!.order };
  });
  entries.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  const sections = [];
  for (const entry of entries) {
    if (!entry.provider) {
      sections.push({ id: entry.id, title: entry.title, available: false, data: null });
      continue;
    }
    if (entry.provider.permission && !rolesAllow(context.access.roles, entry.provider.permission)) continue;
    const data = entry.provider.schema.parse(await entry.provider.load(context));
    sections.push({ id: entry.id, title: entry.title, available: true, data });
  }
  return sections;
}
