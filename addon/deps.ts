// What the app is built from; main.ts assembles it and tests pass their own.

import type { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { Db, DbKind } from '../db/client.ts';
import type { ConnectionDeps } from './connectors/oauth/deps.ts';
import type { Config } from './env.ts';
import type { LinkDeps } from './link/deps.ts';
import type { Mailer } from './mail/index.ts';
import type { Sandbox } from './sandbox/common/http.ts';
import type { SignInProvider } from './signin/providers.ts';

export interface AppDeps {
  db: Db;
  dbKind: DbKind;
  config: Config;
  log: Logger;
  version: string;
  /** Signs in the demo practice for requests without credentials (demo mode only). */
  demoPracticeId?: (() => string | undefined) | undefined;
  /** Sandboxes mounted at /sandbox/<name> in demo mode. */
  sandboxes?: Sandbox[] | undefined;
  /** The provider-neutral engine: connectors, runtimes, billing hooks. */
  link?: LinkDeps | undefined;
  /** OAuth connections: token store, refresh, connect flows. Built from the config when absent. */
  connections?: ConnectionDeps | undefined;
  /** The durable job queue; uploads are refused (503) without it. */
  boss?: PgBoss | undefined;
  /** Wall-clock time for entitlements and statements; tests move it. */
  now?: (() => Date) | undefined;
  /** Outgoing mail; built from the config when absent (SMTP, the demo outbox, or none). */
  mail?: Mailer | undefined;
  /** Sign-in providers; from the config (OIDC_PROVIDERS and the Xero app) when absent. */
  signInProviders?: SignInProvider[] | undefined;
  /** Folder of the built web app; served at / when present. */
  webRoot?: string | undefined;
}
