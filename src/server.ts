import { existsSync } from 'node:fs';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import analyticsModule from './modules/analytics/routes.ts';
import appointmentsModule from './modules/appointments/routes.ts';
import assessmentsModule from './modules/assessments/routes.ts';
import attachmentsModule from './modules/attachments/routes.ts';
import auditModule from './modules/audit/routes.ts';
import authModule from './modules/auth/routes.ts';
import clinicalModule from './modules/clinical/routes.ts';
import clinicsModule from './modules/clinics/routes.ts';
import credentialsModule from './modules/credentials/routes.ts';
import directoryModule from './modules/directory/routes.ts';
import disclosuresModule from './modules/disclosures/routes.ts';
import fhirModule from './modules/fhir/routes.ts';
import healthModule from './modules/health/routes.ts';
import homeCareLogModule from './modules/home-care-log/routes.ts';
import icd10Module from './modules/icd10/routes.ts';
import intakeModule from './modules/intake/routes.ts';
import invitationsModule from './modules/invitations/routes.ts';
import membersModule from './modules/members/routes.ts';
import outboxModule from './modules/outbox/routes.ts';
import outcomeMeasuresModule from './modules/outcome-measures/routes.ts';
import portalInvitationModule from './modules/patients/portal-invitation.ts';
import possibleDuplicatesModule from './modules/patients/possible-duplicates.ts';
import patientsModule from './modules/patients/routes.ts';
import paymentsModule from './modules/payments/routes.ts';
import plansModule from './modules/plans/routes.ts';
import progressModule from './modules/progress/routes.ts';
import providersModule from './modules/providers/routes.ts';
import publicBookingModule from './modules/public-booking/routes.ts';
import recordsRequestsModule from './modules/records-requests/routes.ts';
import referralsModule from './modules/referrals/routes.ts';
import reportsModule from './modules/reports/routes.ts';
import reviewsModule from './modules/reviews/routes.ts';
import clearanceRequestsModule from './modules/safety/clearance-requests.ts';
import safetyModule from './modules/safety/routes.ts';
import schedulingModule from './modules/scheduling/routes.ts';
import sessionNotesModule from './modules/session-notes/routes.ts';
import setupModule from './modules/setup/routes.ts';
import superbillsModule from './modules/superbills/routes.ts';
import tokensModule from './modules/tokens/routes.ts';
import { webRoot } from './paths.ts';
import { authPlugin } from './platform/auth-plugin.ts';
import type { AppDeps } from './platform/deps.ts';
import { installErrorHandler } from './platform/http-errors.ts';
import { idempotencyPlugin } from './platform/idempotency.ts';

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: { method: string; url: string }[];
  }
}

export interface BuildOptions {
  logger?: boolean;
}

/**
 * Builds Palpa from its parts, in a visible order: third-party plugins, Palpa's shared platform plugins
 * (auth, idempotency, errors), then the capabilities, then the web app.
 */
export async function buildApp(deps: AppDeps, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1_048_576,
    logger: options.logger
      ? {
          level: deps.config.logLevel,
          // Never log health data: requests are logged by method and path only (no query string, no body).
          serializers: {
            req: (req) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
            res: (res) => ({ statusCode: res.statusCode }),
          },
        }
      : false,
  }).withTypeProvider<ZodTypeProvider>();

  app.decorate('deps', deps);
  // Every route, as registered: lets a test prove that each API route is in the OpenAPI document.
  const routeTable: { method: string; url: string }[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routeTable.push({ method: String(method), url: route.url });
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  // 1. Third-party plugins.
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: deps.config.cookieSecure ? [] : null,
      },
    },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    hsts: deps.config.cookieSecure,
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Palpa API',
        version: '0.1.0',
        description:
          'Palpa, the practice platform for medical massage therapy. Errors always answer `{ "error": { "code", "message", "details"? } }`. ' +
          'Cookie sessions send `X-CSRF-Token` on writes; integrations use `Authorization: Bearer <token>`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'palpa_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  // 2. Palpa's shared platform plugins.
  await app.register(authPlugin);
  await app.register(idempotencyPlugin);

  // 3. Capabilities.
  await app.register(healthModule);
  await app.register(setupModule, { prefix: '/api' });
  await app.register(authModule, { prefix: '/api' });
  await app.register(clinicsModule, { prefix: '/api' });
  await app.register(membersModule, { prefix: '/api' });
  await app.register(invitationsModule, { prefix: '/api' });
  await app.register(tokensModule, { prefix: '/api' });
  await app.register(auditModule, { prefix: '/api' });
  await app.register(outboxModule, { prefix: '/api' });
  await app.register(patientsModule, { prefix: '/api' });
  await app.register(portalInvitationModule, { prefix: '/api' });
  await app.register(possibleDuplicatesModule, { prefix: '/api' });
  await app.register(publicBookingModule, { prefix: '/api' });
  await app.register(providersModule, { prefix: '/api' });
  await app.register(referralsModule, { prefix: '/api' });
  await app.register(attachmentsModule, { prefix: '/api' });
  await app.register(icd10Module, { prefix: '/api' });
  await app.register(intakeModule, { prefix: '/api' });
  await app.register(safetyModule, { prefix: '/api' });
  await app.register(clearanceRequestsModule, { prefix: '/api' });
  await app.register(schedulingModule, { prefix: '/api' });
  await app.register(appointmentsModule, { prefix: '/api' });
  await app.register(outcomeMeasuresModule, { prefix: '/api' });
  await app.register(assessmentsModule, { prefix: '/api' });
  await app.register(plansModule, { prefix: '/api' });
  await app.register(sessionNotesModule, { prefix: '/api' });
  await app.register(clinicalModule, { prefix: '/api' });
  await app.register(progressModule, { prefix: '/api' });
  await app.register(homeCareLogModule, { prefix: '/api' });
  await app.register(reportsModule, { prefix: '/api' });
  await app.register(disclosuresModule, { prefix: '/api' });
  await app.register(recordsRequestsModule, { prefix: '/api' });
  await app.register(superbillsModule, { prefix: '/api' });
  await app.register(paymentsModule, { prefix: '/api' });
  await app.register(analyticsModule, { prefix: '/api' });
  await app.register(fhirModule, { prefix: '/fhir/R4' });
  await app.register(directoryModule);
  await app.register(credentialsModule, { prefix: '/api' });
  await app.register(reviewsModule, { prefix: '/api' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // 4. The web app: static files, and index.html for every client-side route.
  if (existsSync(webRoot)) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false });
    app.get('/*', { schema: { hide: true } }, (request, reply) => {
      const path = request.url.split('?')[0] ?? '';
      // A missing script or style is a 404, not index.html: a tab left open across an upgrade asks for the old
      // build's files, and the web app reloads on that error instead of running HTML as JavaScript.
      if (path.startsWith('/api/') || path.startsWith('/fhir/') || path.startsWith('/assets/')) {
        return reply
          .status(404)
          .send({ error: { code: 'not_found', message: `No route ${request.method} ${path}` } });
      }
      return reply.sendFile('index.html');
    });
  }
  return app;
}
