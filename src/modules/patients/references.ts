import { sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import type { Transaction } from '../../db/connection.ts';
import { applicationTables } from '../../db/tables.ts';

/**
 * The one list of tables whose rows belong to a patient, for merging two records. Every table with a foreign
 * key onto `patients` (clinic_id, id) is found from the Drizzle schema, so a table a later capability adds is
 * moved without anyone remembering to list it. A table whose rows need more than "point them at the
 * survivor" (a unique key that the move could break, a patient id kept without a foreign key) registers
 * its own `move` here with `registerPatientReference`.
 */
export interface MergeIds {
  clinicId: string;
  fromId: string;
  toId: string;
}

export interface PatientReference {
  table: string;
  /** Column holding the patient id (the table's clinic column is `clinic_id`). */
  column: string;
  /** Custom move; answers how many rows now belong to the survivor. Default: an UPDATE of `column`. */
  move?: (tx: Transaction, ids: MergeIds) => Promise<number>;
}

const registered = new Map<string, PatientReference>();

export function registerPatientReference(reference: PatientReference): void {
  registered.set(`${reference.table}.${reference.column}`, reference);
}

/** Tables that are not moved on purpose: the audit log is history (and append-only). */
const NEVER_MOVED = new Set(['audit_log']);

/** Every patient-referencing (table, column): the registered ones and those found from foreign keys. */
export function patientReferences(): PatientReference[] {
  const found = new Map(registered);
  for (const info of applicationTables()) {
    if (info.name === 'patients' || NEVER_MOVED.has(info.name)) continue;
    for (const fk of getTableConfig(info.table).foreignKeys) {
      const ref = fk.reference();
      if (getTableConfig(ref.foreignTable).name !== 'patients') continue;
      const idIndex = ref.foreignColumns.findIndex((c) => c.name === 'id');
      const column = ref.columns[idIndex]?.name;
      if (column && !found.has(`${info.name}.${column}`))
        found.set(`${info.name}.${column}`, { table: info.name, column });
    }
  }
  return [...found.values()].sort((a, b) => `${a.table}.${a.column}`.localeCompare(`${b.table}.${b.column}`));
}

const rowCount = (result: unknown) =>
  Array.isArray(result) ? result.length : ((result as { rows?: unknown[] }).rows?.length ?? 0);

async function defaultMove(tx: Transaction, reference: PatientReference, ids: MergeIds): Promise<number> {
  const result = await tx.execute(
    sql`update ${sql.identifier(reference.table)} set ${sql.identifier(reference.column)} = ${ids.toId}
        where clinic_id = ${ids.clinicId} and ${sql.identifier(reference.column)} = ${ids.fromId}
        returning 1`,
  );
  return rowCount(result);
}

/** Moves every child row of `fromId` to `toId` inside the caller's transaction; answers counts per table. */
export async function moveChildRows(tx: Transaction, ids: MergeIds): Promise<Record<string, number>> {
  const moved: Record<string, number> = {};
  for (const reference of patientReferences()) {
    const count = reference.move ? await reference.move(tx, ids) : await defaultMove(tx, reference, ids);
    const key =
      reference.column === 'patient_id' ? reference.table : `${reference.table}.${reference.column}`;
    moved[key] = (moved[key] ?? 0) + count;
  }
  return moved;
}

// A physician's access moves with the record; when both records had the same link, the active one wins.
registerPatientReference({
  table: 'physician_patient_links',
  column: 'patient_id',
  async move(tx, ids) {
    const inserted = await tx.execute(sql`
      insert into physician_patient_links (clinic_id, patient_id, user_id, reason, granted_by, created_at, revoked_at)
      select clinic_id, ${ids.toId}, user_id, reason, granted_by, created_at, revoked_at
        from physician_patient_links where clinic_id = ${ids.clinicId} and patient_id = ${ids.fromId}
      on conflict (clinic_id, patient_id, user_id, reason) do update
        set revoked_at = case when excluded.revoked_at is null then null else physician_patient_links.revoked_at end
      returning 1`);
    await tx.execute(
      sql`delete from physician_patient_links where clinic_id = ${ids.clinicId} and patient_id = ${ids.fromId}`,
    );
    return rowCount(inserted);
  },
});

// One plan-of-care draft per author and plan: where both records hold one, the survivor's is kept.
registerPatientReference({
  table: 'treatment_plan_drafts',
  column: 'patient_id',
  async move(tx, ids) {
    await tx.execute(sql`
      delete from treatment_plan_drafts d
       where d.clinic_id = ${ids.clinicId} and d.patient_id = ${ids.fromId}
         and exists (select 1 from treatment_plan_drafts s
                      where s.clinic_id = d.clinic_id and s.patient_id = ${ids.toId}
                        and s.author_id = d.author_id and s.plan_id is not distinct from d.plan_id)`);
    return defaultMove(tx, { table: 'treatment_plan_drafts', column: 'patient_id' }, ids);
  },
});

// A possible duplicate (an online record that may be an existing patient): merging the two records resolves the
// pair, so it goes (the merge is audited); a pair with a third record follows the merged record to the survivor,
// unless the survivor already holds that pair.
for (const [column, other] of [
  ['patient_id', 'existing_patient_id'],
  ['existing_patient_id', 'patient_id'],
] as const) {
  registerPatientReference({
    table: 'patient_possible_duplicates',
    column,
    async move(tx, ids) {
      const c = sql.identifier(column);
      const o = sql.identifier(other);
      await tx.execute(sql`
        delete from patient_possible_duplicates d
         where d.clinic_id = ${ids.clinicId} and d.${c} = ${ids.fromId}
           and (d.${o} = ${ids.toId}
                or exists (select 1 from patient_possible_duplicates s
                            where s.clinic_id = d.clinic_id and s.${c} = ${ids.toId} and s.${o} = d.${o}))`);
      return defaultMove(tx, { table: 'patient_possible_duplicates', column }, ids);
    },
  });
}
