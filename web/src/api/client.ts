/**
 * The one way the web app talks to the API: JSON, same-origin cookies, the CSRF token on writes, and
 * errors turned into `ApiError`s. A 401 on an authenticated call means the session ended (idle timeout):
 * the registered handler sends the person back to sign-in with a notice.
 */

export interface FieldIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Field-level problems, with the request part removed: `body.owner.email` → `owner.email`. */
  get fieldIssues(): FieldIssue[] {
    if (!Array.isArray(this.details)) return [];
    return this.details
      .filter((d): d is FieldIssue => typeof d?.path === 'string' && typeof d?.message === 'string')
      .map((d) => ({ path: d.path.replace(/^(body|query|params)\./, ''), message: d.message }));
  }
}

export const SESSION_ENDED_CODES = new Set(['unauthenticated', 'session_expired', 'mfa_required']);

let csrfToken: string | null = null;
let onSessionEnded: () => void = () => {};

export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};
export const setSessionEndedHandler = (handler: () => void) => {
  onSessionEnded = handler;
};

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Calls made while signed in (the default). A 401 then means the session ended. */
  auth?: boolean;
  query?: Record<string, string | number | undefined>;
  /** Extra request headers, e.g. `Idempotency-Key` on bookings. */
  headers?: Record<string, string>;
  /** Let the request outlive the page (a draft saved as the tab closes). */
  keepalive?: boolean;
}

/** What a draft's save may ask of its request. */
export type SaveOptions = Pick<RequestOptions, 'keepalive'>;

export function withQuery(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      keepalive: options.keepalive,
    });
  } catch {
    throw new ApiError(
      0,
      'network_error',
      'Palpa could not be reached. Check your connection and try again.',
    );
  }
  const text = await response.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const error = (data as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    const apiError = new ApiError(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? `The request failed (${response.status})`,
      error?.details,
    );
    if (response.status === 401 && options.auth !== false && SESSION_ENDED_CODES.has(apiError.code)) {
      csrfToken = null;
      onSessionEnded();
    }
    throw apiError;
  }
  return data as T;
}

/** A readable message for any thrown value. */
export const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : 'Something went wrong. Try again.';
