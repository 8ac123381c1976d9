import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Resource } from 'fhir/r4.js';
import { localDate } from '../patients/dates.ts';
import {
  authorizeClinic,
  authorizePatient,
  callerMay,
  clinicOf,
  gatePermission,
  isStaff,
  onlyPatient,
  reachablePatients,
  refuseSelf,
  rolesIn,
  usableSources,
} from './access.ts';
import { searchsetBundle, searchUrl } from './bundle.ts';
import { capabilityStatement } from './capability.ts';
import type { ReportLoader } from './mappers/document-reference.ts';
import { type Item, type LoadQuery, type ResourceDef, type Source, signedRecordCopy } from './model.ts';
import { FHIR_JSON, FhirError, installFhirErrorHandler, operationOutcome } from './operation-outcome.ts';
import { resourceDefs } from './resources.ts';
import { applySearch, type ParsedSearch, pageOf, parseSearch, type RawQuery } from './search.ts';

export interface FhirOptions {
  /** The reports capability's signed reports, served as DocumentReference (none until it is registered). */
  reports?: ReportLoader;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
const hide = { schema: { hide: true } } as const;

const lenient = (request: FastifyRequest) =>
  /handling\s*=\s*lenient/i.test(String(request.headers.prefer ?? ''));
const notFound = (what: string) => new FhirError(404, 'not-found', `${what} not found`);

/**
 * FHIR R4, read-only, JSON (`GET /fhir/R4/...`): metadata, read and search for every type in resources.ts, and
 * Patient/$everything. Registered with its own error and not-found handlers (OperationOutcome), so the rest of
 * the API keeps `{ error: … }`. Hidden from the OpenAPI document (FHIR documents itself in /metadata).
 */
export default async function fhirRoutes(app: FastifyInstance, options: FhirOptions) {
  const { db, now, config } = app.deps;
  const base = `${config.publicUrl}/fhir/R4`;
  const defs = resourceDefs({ reports: options.reports, publicUrl: config.publicUrl });
  const byType = new Map(defs.map((d) => [d.type as string, d]));

  installFhirErrorHandler(app);
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .type(FHIR_JSON)
      .send(operationOutcome('not-found', `No route ${request.method} ${request.url.split('?')[0]}`)),
  );
  app.addHook('onRequest', async (request) => {
    const accept = String(request.headers.accept ?? '');
    const format = (request.query as RawQuery | undefined)?._format;
    const json = (s: string) => /json|\*\/\*|application\/\*|^$/.test(s);
    if (!json(accept) || (typeof format === 'string' && !/json/.test(format))) {
      throw new FhirError(406, 'not-supported', 'Palpa answers FHIR JSON only (application/fhir+json)');
    }
  });

  const send = (reply: FastifyReply, body: unknown) => reply.type(FHIR_JSON).send(body);
  const typeDef = (type: string) => {
    const def = byType.get(type);
    if (!def) throw new FhirError(404, 'not-supported', `Palpa does not serve the resource type "${type}"`);
    return def;
  };

  /** The clinic context of a request: the clinic (membership checked), its date today, a load query. */
  async function context(request: FastifyRequest, def: ResourceDef | null) {
    const clinicId = clinicOf(request);
    const roles = rolesIn(request, clinicId);
    const permission = def ? gatePermission(request, roles, def) : 'patients.read';
    const access = await authorizeClinic(request, clinicId, permission);
    const q: LoadQuery = {
      db,
      clinicId,
      clinic: access.clinic,
      today: localDate(now(), access.clinic.timeZone),
      viewer: { userId: access.principal.userId, staff: isStaff(access.roles) },
      memo: new Map(),
    };
    return { access, roles: access.roles as string[], q };
  }

  async function loadFrom(sources: Source[], q: LoadQuery): Promise<(Item & { source: Source })[]> {
    const loaded = await Promise.all(
      sources.map(async (s) => (await s.load(q)).map((i) => ({ ...i, source: s }))),
    );
    return loaded.flat();
  }

  app.get('/metadata', hide, async (_request, reply) =>
    send(reply, capabilityStatement(defs, base, now().toISOString())),
  );

  // Read.
  app.get<{ Params: { type: string; id: string } }>('/:type/:id', hide, async (request, reply) => {
    const { type, id } = request.params;
    const def = typeDef(type);
    if (!FHIR_ID.test(id)) throw notFound(`${type}/${id}`);
    const { access, roles, q } = await context(request, def);
    const rowId = UUID.exec(id)?.[0];
    if (!rowId) throw notFound(`${type}/${id}`);
    const items = await loadFrom(def.sources, { ...q, rowId: rowId.toLowerCase() });
    const item = items.find((i) => i.resource.id === id);
    if (!item) throw notFound(`${type}/${id}`);
    if (def.scope !== 'patient' || !item.patientId) {
      if (!callerMay(request, roles, item.source.permission))
        await authorizeClinic(request, q.clinicId, item.source.permission);
      if (def.scope === 'audit')
        await request.audit({
          action: 'audit.read',
          clinicId: q.clinicId,
          actorRoles: access.roles,
          details: { via: 'fhir', resourceType: type, resourceId: id },
        });
      return send(reply, item.resource);
    }
    const audit = { action: 'fhir.read', resourceType: type, resourceId: id };
    if (onlyPatient(roles) && !item.source.allowSelf)
      await refuseSelf(request, { clinicId: q.clinicId, patientId: item.patientId, roles, ...audit });
    await authorizePatient(request, {
      clinicId: q.clinicId,
      patientId: item.patientId,
      permission: item.source.permission,
      ...audit,
    });
    return send(reply, item.resource);
  });

  // Search.
  app.get<{ Params: { type: string }; Querystring: RawQuery }>('/:type', hide, async (request, reply) => {
    const def = typeDef(request.params.type);
    const search = parseSearch(def.type, def.params, request.query, { lenient: lenient(request) });
    const { access, roles, q } = await context(request, def);
    let resources: Resource[];
    let total: number;
    let more: boolean;
    if (def.scope === 'audit') {
      const paged = await (def as ResourceDef & { pagedSearch: PagedSearch }).pagedSearch(q, search);
      await request.audit({
        action: 'audit.read',
        clinicId: q.clinicId,
        actorRoles: access.roles,
        details: { via: 'fhir', filters: search.applied.map(([k]) => k) },
      });
      ({ resources, total, more } = paged);
    } else {
      let sources = usableSources(request, roles, def);
      let patientIds: string[] | undefined;
      if (def.scope === 'patient') {
        const audit = { action: 'fhir.search', resourceType: def.type };
        if (search.patientIds) {
          patientIds = search.patientIds;
          for (const patientId of patientIds) {
            if (onlyPatient(roles) && sources.length === 0)
              await refuseSelf(request, {
                clinicId: q.clinicId,
                patientId,
                roles,
                resourceId: patientId,
                ...audit,
              });
            const pa = await authorizePatient(request, {
              clinicId: q.clinicId,
              patientId,
              permission: gatePermission(request, roles, def),
              ...audit,
            });
            sources = usableSources(request, roles, def, pa.via);
          }
        } else {
          if (sources.length === 0) {
            await request.audit({ ...audit, outcome: 'refused', clinicId: q.clinicId, actorRoles: roles });
            throw new FhirError(403, 'forbidden', 'You do not have access to this');
          }
          patientIds = await reachablePatients(request, access);
        }
      }
      const items = await loadFrom(sources, { ...q, patientIds });
      const matched = applySearch(
        items.map((i) => i.resource),
        search,
      );
      const pageResult = pageOf(matched, search);
      resources = pageResult.page;
      total = matched.length;
      more = pageResult.more;
      if (def.scope === 'patient' && !search.patientIds) {
        // Searches across patients audit each patient whose data the page shows.
        const patientOf = new Map(items.map((i) => [i.resource.id, i.patientId]));
        const shown = [...new Set(resources.map((r) => patientOf.get(r.id)).filter((p): p is string => !!p))];
        for (const patientId of shown)
          await request.audit({
            action: 'fhir.search',
            clinicId: q.clinicId,
            actorRoles: roles,
            patientId,
            resourceType: def.type,
            details: { via: 'clinic-search' },
          });
      }
    }
    const self = searchUrl(base, def.type, search.applied);
    const next =
      more && resources.length > 0
        ? searchUrl(base, def.type, [...search.applied, ['_cursor', resources.at(-1)!.id!]])
        : undefined;
    return send(reply, searchsetBundle({ base, resources, total, self, next, now: now() }));
  });

  // Patient/$everything: the patient's whole record (what the caller may read of it) and what it references.
  app.get<{ Params: { id: string }; Querystring: RawQuery }>(
    '/Patient/:id/$everything',
    hide,
    async (request, reply) => {
      const { id } = request.params;
      const unknown = Object.keys(request.query).filter((k) => !['_count', '_format', '_pretty'].includes(k));
      if (unknown.length > 0 && !lenient(request))
        throw new FhirError(
          400,
          'not-supported',
          `Unsupported parameter "${unknown[0]}" for $everything`,
          unknown,
        );
      const { q } = await context(request, null);
      if (!UUID.test(id)) throw notFound(`Patient/${id}`);
      const pa = await authorizePatient(request, {
        clinicId: q.clinicId,
        patientId: id,
        permission: 'patients.read',
        action: 'fhir.everything',
        resourceType: 'Patient',
        resourceId: id,
      });
      // A copy of the record sent out (records requests) holds signed notes and evaluations only.
      const pq: LoadQuery = {
        ...q,
        patientIds: [id],
        ...(signedRecordCopy.getStore()?.signedOnly ? { signedOnly: true } : {}),
      };
      const patientDefs = defs.filter((d) => d.scope === 'patient');
      const items = await loadFrom(
        patientDefs.flatMap((d) => usableSources(request, pa.roles, d, pa.via)),
        pq,
      );
      const record = items.map((i) => i.resource);
      if (!record.some((r) => r.resourceType === 'Patient' && r.id === id)) throw notFound(`Patient/${id}`);
      // What the record refers to: the clinic, its locations and the practitioners named.
      const referenced = new Set<string>();
      for (const match of JSON.stringify(record).matchAll(
        /"reference":"((?:Practitioner|Location|Organization)\/[^"]+)"/g,
      ))
        referenced.add(match[1]!);
      const clinicDefs = defs.filter((d) => d.scope === 'clinic');
      const directory = (
        await loadFrom(
          clinicDefs.flatMap((d) => usableSources(request, pa.roles, d)),
          q,
        )
      )
        .map((i) => i.resource)
        .filter((r) => referenced.has(`${r.resourceType}/${r.id}`) || r.resourceType === 'Organization');
      const order = new Map(defs.map((d, i) => [d.type as string, i]));
      const resources = [...record, ...directory].sort(
        (a, b) =>
          order.get(a.resourceType)! - order.get(b.resourceType)! || ((a.id ?? '') < (b.id ?? '') ? -1 : 1),
      );
      return send(
        reply,
        searchsetBundle({
          base,
          resources,
          total: resources.length,
          self: `${base}/Patient/${id}/$everything`,
          now: now(),
        }),
      );
    },
  );

  app.get('/*', hide, async (request) => {
    throw new FhirError(404, 'not-found', `No route GET ${request.url.split('?')[0]}`);
  });
}

type PagedSearch = (
  q: LoadQuery,
  search: ParsedSearch,
) => Promise<{ resources: Resource[]; total: number; more: boolean }>;
