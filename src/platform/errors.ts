/**
 * The one error catalogue. Domain and service code throw `AppError`s with a stable code; the HTTP error
 * handler (platform/http-errors.ts) maps them to `{ error: { code, message, details? } }`.
 */
export const ERRORS = {
  validation_failed: 400,
  bad_request: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  invalid_totp: 401,
  mfa_required: 401,
  session_expired: 401,
  csrf_failed: 403,
  forbidden: 403,
  mfa_enrollment_required: 403,
  not_found: 404,
  conflict: 409,
  possible_duplicate: 409,
  already_set_up: 409,
  request_in_progress: 409,
  slot_taken: 409,
  appointments_in_time_off: 409,
  note_signed: 409,
  record_signed: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  not_billable: 422,
  claim_incomplete: 422,
  idempotency_key_reused: 422,
  weak_password: 422,
  contraindicated: 422,
  precautions_unacknowledged: 422,
  unconfirmed_carry_over: 422,
  unscored_questionnaire: 422,
  psfs_activities_mismatch: 422,
  score_not_computable: 422,
  too_many_requests: 429,
  internal_error: 500,
  not_ready: 503,
} as const;

export type ErrorCode = keyof typeof ERRORS;

export interface FieldIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldIssue[] | Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.status = ERRORS[code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const forbidden = (message = 'You do not have access to this') => new AppError('forbidden', message);
