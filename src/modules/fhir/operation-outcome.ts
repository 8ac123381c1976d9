import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { OperationOutcome, OperationOutcomeIssue } from 'fhir/r4.js';
import { AppError } from '../../platform/errors.ts';
import { loggableError } from '../../platform/log-safe.ts';
import { SYSTEMS } from './codes.ts';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

type IssueType = OperationOutcomeIssue['code'];

/** FHIR issue type for an HTTP status (http://hl7.org/fhir/R4/valueset-issue-type.html). */
const ISSUE_BY_STATUS: Record<number, IssueType> = {
  400: 'invalid',
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  406: 'not-supported',
  409: 'conflict',
  413: 'too-costly',
  415: 'not-supported',
  429: 'throttled',
};

/** A FHIR-level failure with its issue type (e.g. `not-supported` for an unknown search parameter). */
export class FhirError extends Error {
  constructor(
    readonly status: number,
    readonly issue: IssueType,
    message: string,
    readonly expression?: string[],
  ) {
    super(message);
  }
}

export function operationOutcome(
  issue: IssueType,
  text: string,
  options: { code?: string; expression?: string[]; severity?: OperationOutcomeIssue['severity'] } = {},
): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity: options.severity ?? 'error',
        code: issue,
        details: {
          ...(options.code ? { coding: [{ system: SYSTEMS.error, code: options.code }] } : {}),
          text,
        },
        ...(options.expression?.length ? { expression: options.expression } : {}),
      },
    ],
  };
}

/**
 * The error handler of the FHIR plugin (encapsulated: the rest of the API keeps `{ error: … }`): every failure
 * is an OperationOutcome with the HTTP status the rest of Palpa would use. A 5xx never reveals internals.
 */
export function installFhirErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    reply.type(FHIR_JSON);
    if (error instanceof FhirError) {
      return reply
        .status(error.status)
        .send(operationOutcome(error.issue, error.message, { expression: error.expression }));
    }
    if (error instanceof AppError) {
      if (error.headers) reply.headers(error.headers);
      if (error.status === 401) reply.header('www-authenticate', 'Bearer');
      const issue = ISSUE_BY_STATUS[error.status] ?? (error.status >= 500 ? 'exception' : 'processing');
      return reply.status(error.status).send(operationOutcome(issue, error.message, { code: error.code }));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      return reply.status(400).send(operationOutcome('invalid', 'The request is not valid'));
    }
    const pg = (error as { code?: unknown; cause?: { code?: unknown } }).cause?.code ?? error.code;
    if (pg === '22P02' || pg === '22007' || pg === '22008') {
      return reply.status(400).send(operationOutcome('invalid', 'A value in the request is not valid'));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.status(status).send(operationOutcome(ISSUE_BY_STATUS[status] ?? 'invalid', error.message));
    }
    request.log.error({ err: loggableError(error) }, 'unhandled FHIR error');
    return reply
      .status(500)
      .send(operationOutcome('exception', 'Something went wrong on our side', { code: 'internal_error' }));
  });
}
