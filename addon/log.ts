// Structured logs. Anything that could hold a credential is redacted before it is written.
import pino from 'pino';

export function createLogger(level: string) {
  return pino({
    level,
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
