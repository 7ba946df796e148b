// Structured logs. Anything that could hold a credential is redacted before it is written.
import { hostname } from 'node:os';
import pino from 'pino';

/** `sandbox`: the sandboxes are mounted (demo or SANDBOX=true), and every log line says so. */
export function createLogger(level: string, opts: { sandbox?: boolean } = {}) {
  return pino({
    level,
    // Every `err` a log line carries loses the values of a failed query on the way out.
    serializers: { err: loggableError },
    ...(opts.sandbox ? { base: { pid: process.pid, hostname: hostname(), sandbox: true } } : {}),
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        '*.access_token',
        '*.refresh_token',
        '*.id_token',
        '*.client_secret',
        '*.accessToken',
        '*.refreshToken',
        'headers.authorization',
      ],
      censor: '[redacted]',
    },
  });
}

/**
 * An error as it may be logged: kind, code, constraint, message and stack frames down the cause chain, but
 * never the values of a failed query (Drizzle puts them in its message and in `params`, postgres-js in
 * `parameters`), which hold people's names, email addresses and amounts.
 */
export function loggableError(err: unknown) {
  // Already made loggable (or not an error at all): as it is.
  if (!(err instanceof Error)) return err;
  const chain: Record<string, unknown>[] = [];
  for (let e: unknown = err; e && typeof e === 'object' && chain.length < 5; e = (e as Error).cause) {
    const x = e as Error & { code?: unknown; constraint_name?: unknown; constraint?: unknown };
    const message = String(x.message ?? '').split('\nparams:')[0]!;
    chain.push({
      type: x.name,
      message,
      ...(typeof x.code === 'string' ? { code: x.code } : {}),
      ...(x.constraint_name || x.constraint ? { constraint: x.constraint_name ?? x.constraint } : {}),
      stack: (x.stack ?? '')
        .split('\n')
        .filter((line) => line.startsWith('    at '))
        .slice(0, 12)
        .join('\n'),
    });
  }
  return { ...chain[0], ...(chain.length > 1 ? { causes: chain.slice(1) } : {}) };
}
