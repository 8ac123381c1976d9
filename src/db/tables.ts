import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import * as schema from './schema/index.ts';

/** A foreign key of a table onto itself (e.g. patients.merged_into_id), as database column names. */
export interface SelfReference {
  columns: string[];
  foreignColumns: string[];
}

/** What export/import need to know about one application table, read from its Drizzle definition. */
export interface TableInfo {
  name: string;
  table: PgTable;
  /** Primary-key column names (database names), in key order. Empty when the table has none. */
  primaryKey: string[];
  /** Column name → SQL type as declared in the schema (`uuid`, `text`, `timestamp with time zone`…). */
  columnTypes: Record<string, string>;
  /** Other tables this one references (its parents). */
  dependsOn: string[];
  selfReferences: SelfReference[];
}

function describe(table: PgTable): TableInfo {
  const config = getTableConfig(table);
  const compositeKey = config.primaryKeys[0]?.columns.map((c) => c.name);
  const primaryKey = compositeKey ?? config.columns.filter((c) => c.primary).map((c) => c.name);
  const columnTypes = Object.fromEntries(config.columns.map((c) => [c.name, c.getSQLType()]));
  const dependsOn = new Set<string>();
  const selfReferences: SelfReference[] = [];
  for (const fk of config.foreignKeys) {
    const reference = fk.reference();
    const parent = getTableConfig(reference.foreignTable).name;
    if (parent === config.name) {
      selfReferences.push({
        columns: reference.columns.map((c) => c.name),
        foreignColumns: reference.foreignColumns.map((c) => c.name),
      });
    } else {
      dependsOn.add(parent);
    }
  }
  return {
    name: config.name,
    table,
    primaryKey,
    columnTypes,
    dependsOn: [...dependsOn].sort(),
    selfReferences,
  };
}

/**
 * Orders tables so every table comes after the tables it references (Kahn's algorithm; ties broken by
 * name, so the order is stable). Self-references do not constrain the order. Throws on a cycle between
 * different tables: export/import could not insert such tables one after the other.
 */
export function topologicalOrder(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const remaining = new Map(
    tables.map((t) => [t.name, new Set(t.dependsOn.filter((parent) => byName.has(parent)))]),
  );
  const ordered: TableInfo[] = [];
  while (remaining.size > 0) {
    const ready = [...remaining].filter(([, parents]) => parents.size === 0).map(([name]) => name);
    if (ready.length === 0) {
      throw new Error(`Foreign keys form a cycle between tables: ${[...remaining.keys()].sort().join(', ')}`);
    }
    const next = ready.sort()[0]!;
    ordered.push(byName.get(next)!);
    remaining.delete(next);
    for (const parents of remaining.values()) parents.delete(next);
  }
  return ordered;
}

let cached: TableInfo[] | undefined;

/**
 * Every application table (the `public` schema's tables declared in src/db/schema), parents before
 * children. Derived from the schema objects, so a table added by a later capability is included
 * automatically (test/cli/tables.test.ts checks it against the migrated database).
 */
export function applicationTables(): TableInfo[] {
  if (!cached) {
    const tables = (Object.values(schema) as unknown[])
      .filter((value): value is PgTable => is(value, PgTable))
      .filter((table) => (getTableConfig(table).schema ?? 'public') === 'public')
      .map(describe);
    cached = topologicalOrder(tables);
  }
  return cached;
}

/** The names of {@link applicationTables}, in export/import order. */
export const applicationTableNames = (): string[] => applicationTables().map((t) => t.name);
