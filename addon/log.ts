// Structured logs. Anything that could hold a credential is redacted before it is written.
import { hostname } from 'node:os';
import pino from 'pino';

/** `sandbox`: the sandboxes are mounted (demo or SANDBOX=true), and every log line says so. */
export function createLogger(level: string, opts: { sandbox?: boolean } = {}) {
  return pino({
    level,
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
