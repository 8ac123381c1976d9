import { describe, expect, it } from 'vitest';
import { loggableError } from './log-safe.ts';

describe('loggableError', () => {
  it('keeps the parameterised SQL and code of a failed query, never its parameters', () => {
    const error = Object.assign(
      new Error('Failed query: insert into "patients" ("legal_last_name") values ($1)\nparams: Hernández'),
      { name: 'DrizzleQueryError', cause: { code: '23514', message: 'Key (legal_last_name)=(Hernández)' } },
    );
    const logged = loggableError(error);
    expect(logged).toMatchObject({ type: 'DrizzleQueryError', code: '23514' });
    expect(logged.message).toBe('Failed query: insert into "patients" ("legal_last_name") values ($1)');
    expect(JSON.stringify(logged)).not.toContain('Hernández');
  });

  it('drops the message of a database error without a query and keeps an ordinary one', () => {
    expect(loggableError(Object.assign(new Error('value "x@y" too long'), { code: '22001' })).message).toBe(
      '(database error)',
    );
    expect(loggableError(new Error('boom')).message).toBe('boom');
  });
});
