import { and, asc, count, eq, gt, gte, inArray, lt, not, or, type SQL } from 'drizzle-orm';
import type { AuditEvent } from 'fhir/r4.js';
import { auditLog } from '../../../db/schema/index.ts';
import { IDENTIFIERS, SYSTEMS } from '../codes.ts';
import { clean, type LoadQuery, type ResourceDef, ref } from '../model.ts';
import { dateRange, type ParsedSearch, plainTokens, referenceId } from '../search.ts';

type AuditRow = typeof auditLog.$inferSelect;

const OUTCOME: Record<AuditRow['outcome'], AuditEvent['outcome']> = {
  allowed: '0',
  refused: '4',
  failed: '8',
};
const READ = /(^|\.)(read|list|search|everything|download|export)$/;
const CREATE = /(^|\.)(create|upload|book|administer|submit)$/;

/** One audit-log row (id = its id): who, what action, which patient and record, allowed or refused. */
export function toAuditEvent(row: AuditRow): AuditEvent {
  const action = READ.test(row.action) ? 'R' : CREATE.test(row.action) ? 'C' : 'E';
  return clean({
    resourceType: 'AuditEvent',
    id: row.id,
    type: { system: SYSTEMS.auditEventType, code: 'rest', display: 'RESTful Operation' },
    subtype: [{ system: SYSTEMS.auditAction, code: row.action }],
    action,
    recorded: row.at.toISOString(),
    outcome: OUTCOME[row.outcome],
    outcomeDesc: row.outcome === 'allowed' ? undefined : row.outcome,
    agent: [
      {
        who: row.actorUserId
          ? { identifier: { system: IDENTIFIERS.user, value: row.actorUserId } }
          : undefined,
        role: (row.actorRoles ?? []).map((role) => ({ coding: [{ system: SYSTEMS.staffRole, code: role }] })),
        requestor: true,
        network: row.ip ? { address: row.ip, type: '2' } : undefined,
      },
    ],
    source: { observer: { display: 'Palpa' }, site: row.clinicId ?? undefined },
    entity: [
      row.patientId
        ? {
            what: ref('Patient', row.patientId),
            role: { code: '1', system: 'http://terminology.hl7.org/CodeSystem/object-role' },
          }
        : undefined,
      row.resourceType && row.resourceId
        ? {
            what: {
              identifier: {
                system: `https://palpa.dev/fhir/NamingSystem/${row.resourceType}`,
                value: row.resourceId,
              },
            },
            description: row.resourceType,
          }
        : undefined,
    ],
  } as AuditEvent);
}

function dateSql(value: string): SQL | undefined {
  const match = /^([a-z]{2})?(.*)$/.exec(value)!;
  const range = dateRange(match[2]!)!;
  const [start, end] = [new Date(range[0]), new Date(range[1])];
  const within = and(gte(auditLog.at, start), lt(auditLog.at, end));
  switch (match[1] ?? 'eq') {
    case 'ge':
      return gte(auditLog.at, start);
    case 'gt':
      return gte(auditLog.at, end);
    case 'le':
      return lt(auditLog.at, end);
    case 'lt':
      return lt(auditLog.at, start);
    case 'ne':
      return within ? not(within) : undefined;
    default:
      return within;
  }
}

/** The audit log is large: its search runs in SQL (filters, keyset page, count), not in memory. */
async function pagedSearch(q: LoadQuery, search: ParsedSearch) {
  const conditions: (SQL | undefined)[] = [eq(auditLog.clinicId, q.clinicId)];
  if (search.ids)
    conditions.push(
      search.ids.length
        ? inArray(auditLog.id, search.ids)
        : eq(auditLog.id, '00000000-0000-0000-0000-000000000000'),
    );
  for (const c of search.criteria) {
    if (c.def.name === 'date') conditions.push(or(...c.values.map(dateSql)));
    if (c.def.name === 'patient' || c.def.name === 'entity') {
      const ids = c.values.map((v) => referenceId(v)).filter((id): id is string => !!id);
      conditions.push(
        ids.length
          ? inArray(auditLog.patientId, ids)
          : eq(auditLog.id, '00000000-0000-0000-0000-000000000000'),
      );
    }
    if (c.def.name === 'outcome') {
      const wanted = Object.entries(OUTCOME)
        .filter(([, code]) => c.values.includes(code ?? ''))
        .map(([k]) => k as AuditRow['outcome']);
      conditions.push(
        wanted.length
          ? inArray(auditLog.outcome, wanted)
          : eq(auditLog.id, '00000000-0000-0000-0000-000000000000'),
      );
    }
    if (c.def.name === 'subtype') {
      const actions = c.values.map((v) => v.split('|').at(-1)!);
      conditions.push(inArray(auditLog.action, actions));
    }
  }
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    q.db
      .select()
      .from(auditLog)
      .where(and(where, search.cursor ? gt(auditLog.id, search.cursor) : undefined))
      .orderBy(asc(auditLog.id))
      .limit(search.count + 1),
    q.db.select({ n: count() }).from(auditLog).where(where),
  ]);
  return {
    resources: rows.slice(0, search.count).map(toAuditEvent),
    more: rows.length > search.count,
    total: total?.n ?? 0,
  };
}

export const auditEventDef: ResourceDef<AuditEvent> & { pagedSearch: typeof pagedSearch } = {
  type: 'AuditEvent',
  scope: 'audit',
  documentation:
    "The clinic's audit log (owners only: permission audit.read): every read and write of patient data, allowed or refused. Outcome 0 = allowed, 4 = refused, 8 = failed.",
  sources: [
    {
      name: 'audit-log',
      permission: 'audit.read',
      allowSelf: false,
      async load(q) {
        const rows = await q.db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.clinicId, q.clinicId), q.rowId ? eq(auditLog.id, q.rowId) : undefined));
        return rows.map((row) => ({ resource: toAuditEvent(row), patientId: null }));
      },
    },
  ],
  pagedSearch,
  params: [
    { name: 'date', type: 'date', documentation: 'When recorded', dates: (r) => [r.recorded] },
    {
      name: 'patient',
      type: 'reference',
      documentation: 'The patient whose data was accessed',
      refs: (r) => (r.entity ?? []).map((e) => e.what?.reference),
    },
    {
      name: 'entity',
      type: 'reference',
      documentation: 'Same as patient (the patient entity)',
      refs: (r) => (r.entity ?? []).map((e) => e.what?.reference),
    },
    {
      name: 'outcome',
      type: 'token',
      documentation: '0 (allowed) | 4 (refused) | 8 (failed)',
      tokens: (r) => plainTokens(r.outcome),
    },
    {
      name: 'subtype',
      type: 'token',
      documentation: `The Palpa action, e.g. ${SYSTEMS.auditAction}|fhir.read`,
      tokens: (r) => (r.subtype ?? []).map((s) => ({ system: s.system, code: s.code ?? '' })),
    },
  ],
};
