// Failed queries carry people's names and email addresses in their parameters; the logs must not.
import { Writable } from 'node:stream';
import express from 'express';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { errorMiddleware } from './http/errors.ts';
import { loggableError } from './log.ts';

/** What Drizzle throws for a failed query: the values in its message and `params`, the driver's in `cause`. */
function failedQuery() {
  const cause = Object.assign(new Error('duplicate key value violates unique constraint "users_email"'), {
    code: '22P02',
    constraint_name: 'users_email',
    parameters: ['Ada Lovelace', 'ada@example.test'],
  });
  return Object.assign(
    new Error(
      'Failed query: insert into "users" ("name", "email") values ($1, $2)\nparams: Ada Lovelace,ada@example.test',
    ),
    { name: 'DrizzleQueryError', params: ['Ada Lovelace', 'ada@example.test'], cause },
  );
}

describe('error logs', () => {
  it('keep the failed query, its code and constraint, never its values', () => {
    const logged = JSON.stringify(loggableError(failedQuery()));
    expect(logged).toContain('insert into \\"users\\"');
    expect(logged).toContain('users_email');
    expect(logged).toContain('22P02');
    expect(logged).not.toContain('ada@example.test');
    expect(logged).not.toContain('Lovelace');
  });

  it('an unhandled error is logged with the path only, never the query string', async () => {
    const lines: string[] = [];
    const log = pino(
      new Writable({
        write(chunk, _enc, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const app = express();
    app.get('/api/clients', () => {
      throw failedQuery();
    });
    app.use(errorMiddleware(log));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as { port: number };
    const res = await fetch(`http://127.0.0.1:${port}/api/clients?search=ada%40example.test&name=Lovelace`);
    server.close();
    expect(res.status).toBe(500);
    const text = lines.join('');
    expect(text).toContain('/api/clients');
    expect(text).not.toContain('ada');
    expect(text).not.toContain('Lovelace');
  });
});
