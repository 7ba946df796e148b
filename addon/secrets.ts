// The session-signing secret and the token-encryption key. Production passes them in the environment;
// the demo generates them once into its data directory (mode 0600) so sessions and tokens survive restarts.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Config, ConfigError } from './env.ts';

export interface Secrets {
  sessionSecret: string;
  /** 32 bytes for AES-256-GCM. */
  tokenKey: Buffer;
}

export function resolveSecrets(config: Config): Secrets {
  if (config.sessionSecret && config.tokenEncryptionKey) {
    return {
      sessionSecret: config.sessionSecret,
      tokenKey: Buffer.from(config.tokenEncryptionKey, 'base64'),
    };
  }
  if (!config.demo) {
    throw new ConfigError(
      'SESSION_SECRET and TOKEN_ENCRYPTION_KEY must be set outside demo mode. Generate them with:\n' +
        "  node -e \"console.log(require('crypto').randomBytes(32).toString('base64'))\"",
    );
  }
  mkdirSync(config.dataDir, { recursive: true });
  const file = join(config.dataDir, 'secrets.json');
  let stored: { sessionSecret: string; tokenKey: string };
  if (existsSync(file)) {
    stored = JSON.parse(readFileSync(file, 'utf8'));
  } else {
    stored = {
      sessionSecret: randomBytes(32).toString('base64url'),
      tokenKey: randomBytes(32).toString('base64'),
    };
    writeFileSync(file, JSON.stringify(stored), { mode: 0o600 });
  }
  return {
    sessionSecret: config.sessionSecret ?? stored.sessionSecret,
    tokenKey: Buffer.from(config.tokenEncryptionKey ?? stored.tokenKey, 'base64'),
  };
}
