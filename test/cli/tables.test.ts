import { sql } from 'drizzle-orm';
import { pgTable, uuid } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, rowsOf } from '../../src/db/connection.ts';
import {
  applicationTableNames,
  applicationTables,
  type TableInfo,
  topologicalOrder,
} from '../../src/db/tables.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { publicTables } from './support.ts';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
}, 180_000);
afterAll(() => database.close(), 60_000);

describe('application table list', { timeout: 180_000 }, () => {
  it('holds exactly the tables of the migrated public schema', async () => {
    // A table created by a migration but missing from src/db/schema (or the reverse) fails here.
    expect([...applicationTableNames()].sort()).toEqual(await publicTables(database.db));
  });

  it('puts every table after the tables its foreign keys reference (checked against the catalog)', async () => {
    const edges = rowsOf<{ child: string; parent: string }>(
      await database.db.execute(sql`
        select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
        from pg_constraint c join pg_namespace n on n.oid = c.connamespace
        where c.contype = 'f' and n.nspname = 'public'`),
    );
    expect(edges.length).toBeGreaterThan(5);
    const position = new Map(applicationTableNames().map((name, i) => [name.replace(/"/g, ''), i]));
    for (const { child, parent } of edges) {
      if (child === parent) continue;
      expect(position.get(parent.replace(/"/g, '')), `${parent} before ${child}`).toBeLessThan(
        position.get(child.replace(/"/g, ''))!,
      );
    }
  });

  it('records primary keys and self-references from the schema', () => {
    const byName = new Map(applicationTables().map((t) => [t.name, t]));
    expect(byName.get('patients')?.primaryKey).toEqual(['clinic_id', 'id']);
    expect(byName.get('patients')?.selfReferences).toEqual([
      { columns: ['clinic_id', 'merged_into_id'], foreignColumns: ['clinic_id', 'id'] },
    ]);
    expect(byName.get('sessions')?.primaryKey).toEqual(['token_hash']);
    expect(byName.get('idempotency_keys')?.primaryKey).toEqual(['principal', 'key']);
  });

  it('orders a new dependency chain and refuses a cycle between tables', () => {
    const a = pgTable('a', { id: uuid('id').primaryKey() });
    const info = (name: string, dependsOn: string[]): TableInfo => ({
      name,
      table: a,
      primaryKey: ['id'],
      columnTypes: {},
      dependsOn,
      selfReferences: [],
    });
    expect(topologicalOrder([info('b', ['c']), info('c', ['a']), info('a', [])]).map((t) => t.name)).toEqual([
      'a',
      'c',
      'b',
    ]);
    expect(() => topologicalOrder([info('x', ['y']), info('y', ['x']), info('z', [])])).toThrow(
      /cycle.*x, y/,
    );
  });
});
