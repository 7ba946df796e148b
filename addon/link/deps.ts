// What the provider-neutral engine needs. Providers plug in here; the engine never names one.
import type { Logger } from 'pino';
import type { Db } from '../../db/client.ts';
import type { accountsInterfaces } from '../../db/schema.ts';
import type { Clock } from '../connectors/clock.ts';
import type { FileTemplate } from '../connectors/files/types.ts';
import type { ApiConnector, ConnectorManifest, ConnectorRuntime } from '../connectors/types.ts';

export type InterfaceRow = typeof accountsInterfaces.$inferSelect;

export interface LinkDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  /** API connectors by provider id; tests add a connector that exists only in the tests. */
  apiConnectors: Readonly<Record<string, ApiConnector>>;
  fileTemplates: Readonly<Record<string, FileTemplate>>;
  /** Manifests of connectors outside the registry (the tests' own); the registry's otherwise. */
  manifests?: Readonly<Record<string, ConnectorManifest>> | undefined;
  /** Builds the runtime (token source, tenant, base URLs) for a connected interface. */
  runtimeFor(iface: InterfaceRow): Promise<ConnectorRuntime>;
  /** Where Abtrac's invoice pages are, for the link back from the ledger. */
  publicUrl: string;
  /** Throws a 402 AppError when the practice may not push or export now (billing). */
  assertEntitled?: ((practiceId: string, action: 'push' | 'export') => Promise<void>) | undefined;
  /** Records billable usage. */
  recordUsage?:
    | ((practiceId: string, kind: 'invoice_pushed' | 'invoice_exported', count: number) => Promise<void>)
    | undefined;
}
