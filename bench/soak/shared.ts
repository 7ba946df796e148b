// What the soak benchmark's parent and its worker processes share: the messages between them and the
// engine's dependencies pointed at the loopback ledger (the parent uses them to pull reference data).
import { systemClock } from '../../addon/connectors/clock.ts';
import { fileTemplates } from '../../addon/connectors/files/index.ts';
import type { ConnectorRuntime } from '../../addon/connectors/types.ts';
import { createXeroConnector } from '../../addon/connectors/xero/connector.ts';
import type { LinkDeps } from '../../addon/link/deps.ts';
import { silentLog } from '../../tests/helpers/app.ts';

export interface WorkerArgs {
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };
  ledger: { port: number; token: string; tenantId: string };
  practiceId: string;
}

export type WorkerCommand = { upload: string } | { watch: string } | 'stop';

export type WorkerReport =
  | { ready: true }
  | { uploaded: string }
  | { batch: string; status: string; pending: number; uploaded: number; failed: number; errors?: string[] }
  | { error: string };

/** The runtime every worker builds for the ledger: the loopback sandbox's api service, the parent's token. */
export function ledgerDeps(db: LinkDeps['db'], ledger: WorkerArgs['ledger']): LinkDeps {
  const xero = createXeroConnector({ ourUrlPrefix: 'http://abtrac.bench/' });
  return {
    db,
    clock: systemClock,
    log: silentLog,
    apiConnectors: { xero },
    fileTemplates,
    runtimeFor: async (iface): Promise<ConnectorRuntime> => ({
      tenantId: ledger.tenantId,
      accessToken: async () => ledger.token,
      options: iface.options as ConnectorRuntime['options'],
      clock: systemClock,
      baseUrls: { api: `http://127.0.0.1:${ledger.port}/api` },
      credentials: {},
    }),
    publicUrl: 'http://abtrac.bench',
  };
}
