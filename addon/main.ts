// Start-up only: env -> db -> migrations -> demo seed -> services -> app -> listen.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DatabaseLockedError, openDatabase } from '../db/client.ts';
import { createApp } from './app.ts';
import { oauthAvailability, providerSettings } from './connectors/settings.ts';
import { ensureDemoPractice } from './demo/seed.ts';
import { ConfigError, loadConfig } from './env.ts';
import { createLogger } from './log.ts';
import { configProblems, describeProblems } from './production.ts';
import { resolveSecrets } from './secrets.ts';
import { startServices } from './services.ts';

const version = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

async function main() {
  const config = loadConfig();
  const problems = configProblems(config);
  if (problems.length) throw new ConfigError(describeProblems(problems));
  const log = createLogger(config.logLevel, { sandbox: config.sandbox });
  const secrets = resolveSecrets(config);
  const database = config.databaseUrl
    ? await openDatabase({ kind: 'postgres', url: config.databaseUrl })
    : await openDatabase({ kind: 'pglite', dataDir: config.dataDir });
  const demoPracticeId = config.demo ? await ensureDemoPractice(database.db) : undefined;
  const services = await startServices({ config, database, secrets, log });

  const { app } = createApp(
    {
      ...services.deps,
      version,
      demoPracticeId: () => demoPracticeId,
      webRoot: fileURLToPath(new URL('../dist/web', import.meta.url)),
    },
    secrets.sessionSecret,
  );
  const server = app.listen(config.port, config.host, (error?: Error) => {
    // Express 5 hands a listen failure to this callback: it is said, with the port, and the process ends.
    if (error) {
      const code = (error as NodeJS.ErrnoException).code;
      console.error(
        code === 'EADDRINUSE'
          ? `\nPort ${config.port} on ${config.host} is already in use by another process. Stop it, or start on another port: PORT=${config.port + 1} npm start\n`
          : `\nCould not listen on ${config.host}:${config.port}: ${error.message}\n`,
      );
      process.exit(1);
    }
    log.info(
      {
        url: config.publicUrl,
        db: database.kind,
        host: config.host,
        demo: config.demo,
        providers: oauthAvailability(providerSettings(config)),
        payments: config.stripe ? 'stripe' : 'trial mode',
      },
      `Abtrac Accounts Link is running at ${config.publicUrl}`,
    );
    if (config.sandbox && !config.demo) {
      log.warn(
        'SANDBOX=true: the sandboxes are mounted and sign anyone in; for staging only, never production',
      );
    }
  });

  // Longer than the idle timeouts of common proxies and of Node's own fetch, so a reused connection is
  // never closed under a request.
  server.keepAliveTimeout = 65_000;

  const stop = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    server.close();
    await services.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  if (err instanceof DatabaseLockedError || err instanceof ConfigError) {
    console.error(`\n${err.message}\n`);
  } else {
    console.error(err);
  }
  process.exit(1);
});
