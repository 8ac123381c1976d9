/**
 * What of an unexpected error may go to the log. Database errors carry the query's parameters and the server's
 * message can quote values ("Key (email)=(…)"): both may be health data, so only the error's type, its
 * SQLSTATE code, the parameterised SQL and the stack frames are kept.
 */
export function loggableError(error: unknown): {
  type: string;
  code?: string;
  message: string;
  stack?: string;
} {
  const e = (error ?? {}) as {
    name?: string;
    message?: unknown;
    code?: unknown;
    cause?: { code?: unknown };
    stack?: string;
  };
  const code =
    typeof e.code === 'string' ? e.code : typeof e.cause?.code === 'string' ? e.cause.code : undefined;
  const message = String(e.message ?? '');
  const isQuery = message.startsWith('Failed query:');
  return {
    type: e.name ?? 'Error',
    code,
    message: isQuery
      ? (message.split('\nparams:')[0] ?? '')
      : code
        ? '(database error)'
        : message.slice(0, 300),
    stack: e.stack
      ?.split('\n')
      .filter((line) => line.trimStart().startsWith('at '))
      .slice(0, 12)
      .join('\n'),
  };
}
