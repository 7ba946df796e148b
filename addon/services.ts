// Everything a running add-on is made of, assembled once for main.ts: the sandboxes (demo), OAuth
// connections, the connectors, the link engine, the job queue with its workers and schedules.
import type { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { Database } from '../db/client.ts';
import { assertEntitled, recordUsage, snapshotConnectedFiles } from './billing/index.ts';
import { systemClock } from './connectors/clock.ts';
import { fileTemplates } from './connectors/files/index.ts';
import { createMyobConnector } from './connectors/myob/connector.ts';
import {
  accessTokenFor,
  type ConnectionDeps,
  refreshIdleConnections,
  refreshNow,
} from './connectors/oauth/index.ts';
import { providerSettings } from './connectors/settings.ts';
import type { InterfaceOptions } from './connectors/types.ts';
import { createXeroConnector } from './connectors/xero/connector.ts';
import { demoSandboxes } from './demo/sandboxes.ts';
import type { AppDeps } from './deps.ts';
import type { Config } from './env.ts';
import type { LinkDeps } from './link/deps.ts';
import { QUEUES, startQueue } from './link/queue.ts';
import { startWorkers } from './link/workers.ts';
import type { Secrets } from './secrets.ts';

export interface ServicesInput {
  config: Config;
  database: Database;
  secrets: Secrets;
  log: Logger;
}

export interface Services {
  deps: Omit<AppDeps, 'version' | 'webRoot' | 'demoPracticeId'>;
  boss: PgBoss;
  stop(): Promise<void>;
}

const HOUR = 3_600_000;

export async function startServices({ config, database, secrets, log }: ServicesInput): Promise<Services> {
  const db = database.db;
  const settings = providerSettings(config);
  let boss: PgBoss | undefined;
  const connections: ConnectionDeps = {
    db,
    tokenKey: secrets.tokenKey,
    sessionSecret: secrets.sessionSecret,
    settings,
    clock: systemClock,
    log,
    // The reference pull runs as a job: the person is back on the interface page at once.
    onConnected: async (practiceId, interfaceId) => {
      await boss?.send(QUEUES.reference, { practiceId, interfaceId });
    },
  };
  const link: LinkDeps = {
    db,
    clock: systemClock,
    log,
    apiConnectors: {
      xero: createXeroConnector({ ourUrlPrefix: config.publicUrl }),
      myob: createMyobConnector(),
    },
    fileTemplates,
    publicUrl: config.publicUrl,
    runtimeFor: async (iface) => ({
      tenantId: iface.tenantId ?? '',
      accessToken: () => accessTokenFor(connections, iface.id, { practiceId: iface.practiceId }),
      // Refreshes unless another call refreshed after this moment (single-flight, across processes).
      refreshAccessToken: () => refreshNow(connections, iface.practiceId, iface.id, Date.now()),
      options: iface.options as InterfaceOptions,
      clock: systemClock,
      baseUrls: (iface.provider === 'myob' ? settings.myob.baseUrls : settings.xero.baseUrls) as Record<
        string,
        string
      >,
      credentials: (iface.provider === 'myob' ? { apiKey: settings.myob.apiKey } : {}) as Record<
        string,
        string
      >,
    }),
    assertEntitled: (practiceId, action) => assertEntitled(db, practiceId, action, new Date()),
    recordUsage: (practiceId, kind, count) => recordUsage(db, practiceId, { kind, count }, new Date()),
  };

  boss = await startQueue(database, log);
  await startWorkers(boss, link);
  // Hourly: keep idle connections alive, read payments back (MYOB has no webhooks; Xero's can be missed),
  // and count today's connected files for billing.
  await boss.work(QUEUES.daily, async () => {
    await refreshIdleConnections(connections, Date.now());
    await snapshotConnectedFiles(db, new Date());
    await boss?.send(QUEUES.poll, {});
  });
  await boss.schedule(QUEUES.daily, '7 * * * *');
  log.debug({ every: HOUR }, 'maintenance scheduled');

  return {
    deps: {
      db,
      dbKind: database.kind,
      config,
      log,
      link,
      boss,
      connections,
      // Only in demo mode or with SANDBOX=true: the sandboxes approve anyone and list their tokens.
      sandboxes: config.sandbox ? demoSandboxes(config, settings) : [],
    },
    boss,
    stop: async () => {
      await boss?.stop({ graceful: true, timeout: 10_000 });
    },
  };
}
