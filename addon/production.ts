// Start-up refuses a configuration that would expose anything: outside demo mode every secret must come
// from the environment, the public address must be one browsers reach over HTTPS (cookies are Secure only
// then), and the data directory must be usable before any request can need it. Each problem names its
// variable, so the person starting the server knows what to set.
import { accessSync, constants, mkdirSync } from 'node:fs';
import type { Config } from './env.ts';

export interface ConfigProblem {
  variable: string;
  problem: string;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** What makes this configuration unsafe to start; empty when it may start. */
export function configProblems(config: Config): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (!config.demo) {
    if (!config.sessionSecret) {
      problems.push({
        variable: 'SESSION_SECRET',
        problem: 'is not set: sessions and OAuth states would be signed with nothing this server keeps',
      });
    }
    if (!config.tokenEncryptionKey) {
      problems.push({
        variable: 'TOKEN_ENCRYPTION_KEY',
        problem: 'is not set: stored Xero and MYOB tokens could not be encrypted',
      });
    }
    if (!config.explicit.publicUrl) {
      problems.push({
        variable: 'PUBLIC_URL',
        problem: 'is not set: OAuth redirects and webhooks would point at localhost',
      });
    } else {
      const url = new URL(config.publicUrl);
      if (url.protocol !== 'https:' && !LOOPBACK.has(url.hostname)) {
        problems.push({
          variable: 'PUBLIC_URL',
          problem: 'must start with https:// (session cookies are marked Secure only then)',
        });
      }
    }
  }
  // PGlite keeps the database there; the sandboxes keep their state there.
  if (!config.databaseUrl || config.sandbox) {
    const unusable = dataDirProblem(config.dataDir);
    if (unusable) problems.push({ variable: 'DATA_DIR', problem: unusable });
  }
  return problems;
}

function dataDirProblem(dir: string): string | undefined {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.R_OK | constants.W_OK);
    return undefined;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    return `${dir} cannot be created or written (${code})`;
  }
}

export function describeProblems(problems: ConfigProblem[]): string {
  return [
    'Refusing to start: this configuration would expose the add-on or lose its data.',
    ...problems.map((p) => `  ${p.variable} ${p.problem}.`),
    'See "Running in production" in README.md.',
  ].join('\n');
}
