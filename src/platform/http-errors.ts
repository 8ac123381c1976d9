import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, type FieldIssue } from './errors.ts';
import { loggableError } from './log-safe.ts';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** The body an `AppError` is answered with. */
export const errorBody = (error: AppError): ErrorBody => body(error.code, error.message, error.details);

const body = (code: ErrorCode | string, message: string, details?: unknown): ErrorBody => ({
  error: details === undefined ? { code, message } : { code, message, details },
});

/** PostgreSQL error codes that mean the request conflicts with what is stored, not a server fault. */
const CONFLICT_CODES = new Set(['23505', '23P01']);

function pgCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } };
  const code =
    typeof e.code === 'string' ? e.code : typeof e.cause?.code === 'string' ? e.cause.code : undefined;
  return code && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** Maps every failure to the one error shape. A 5xx never reveals internals. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (error.headers) reply.headers(error.headers);
      return reply.status(error.status).send(errorBody(error));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details: FieldIssue[] = error.validation.map((issue) => ({
        path: [error.validationContext, ...issue.instancePath.split('/').filter(Boolean)].join('.'),
        message: issue.message ?? 'is invalid',
      }));
      return reply.status(400).send(body('validation_failed', 'The request is not valid', details));
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: loggableError(error) }, 'response did not match its schema');
      return reply.status(500).send(body('internal_error', 'Something went wrong on our side'));
    }
    const code = pgCode(error);
    if (code && CONFLICT_CODES.has(code)) {
      return reply.status(409).send(body('conflict', 'This conflicts with something that already exists'));
    }
    if (code === '22P02' || code === '22007' || code === '22008' || code === '23514') {
      return reply.status(400).send(body('bad_request', 'A value in the request is not valid'));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const mapped: Record<number, ErrorCode> = {
        413: 'payload_too_large',
        415: 'unsupported_media_type',
        429: 'too_many_requests',
        404: 'not_found',
      };
      return reply.status(status).send(body(mapped[status] ?? 'bad_request', error.message));
    }
    request.log.error({ err: loggableError(error) }, 'unhandled error');
    return reply.status(500).send(body('internal_error', 'Something went wrong on our side'));
  });

  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(body('not_found', `No route ${request.method} ${request.url.split('?')[0]}`)),
  );
}
