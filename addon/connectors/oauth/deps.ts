// What the connection code needs, passed in (DESIGN §2: no globals). The lead wires it from AppDeps,
// Secrets and providerSettings(config) in app.ts.
import type { Logger } from 'pino';
import type { Db } from '../../../db/client.ts';
import type { Clock } from '../clock.ts';
import { myobOAuth } from '../myob/oauth.ts';
import type { ProviderSettings } from '../settings.ts';
import { xeroOAuth } from '../xero/oauth.ts';
import type { FlowAdapter } from './adapter.ts';
import type { OAuthProvider } from './attempts.ts';

export interface ConnectionDeps {
  db: Db;
  /** 32 bytes, AES-256-GCM (Secrets.tokenKey). */
  tokenKey: Buffer;
  /** Signs the OAuth state (a key derived from it) and is the cookie secret of the app. */
  sessionSecret: string;
  settings: ProviderSettings;
  clock: Clock;
  log: Logger;
  /** Called once an interface is connected to its organisation: the engine queues the reference pull. */
  onConnected?: ((practiceId: string, interfaceId: string) => Promise<void> | void) | undefined;
  /** Replaces the real adapters (tests). */
  adapters?: Partial<Record<OAuthProvider, FlowAdapter>> | undefined;
  /** Tests only: runs between a refresh response and its store, to simulate a crash there. */
  testHooks?: { afterRefreshResponse?: (interfaceId: string) => void | Promise<void> } | undefined;
}

const cache = new WeakMap<ProviderSettings, WeakMap<Clock, Partial<Record<OAuthProvider, FlowAdapter>>>>();

export function isOAuthProvider(provider: string): provider is OAuthProvider {
  return provider === 'xero' || provider === 'myob';
}

/** One adapter per provider and settings object, so Xero's discovery document is fetched once. */
export function adapterFor(deps: ConnectionDeps, provider: OAuthProvider): FlowAdapter {
  const given = deps.adapters?.[provider];
  if (given) return given;
  let byClock = cache.get(deps.settings);
  if (!byClock) {
    byClock = new WeakMap();
    cache.set(deps.settings, byClock);
  }
  let forSettings = byClock.get(deps.clock);
  if (!forSettings) {
    forSettings = {};
    byClock.set(deps.clock, forSettings);
  }
  forSettings[provider] ??=
    provider === 'xero'
      ? xeroOAuth(deps.settings.xero, deps.clock)
      : myobOAuth(deps.settings.myob, deps.clock);
  return forSettings[provider];
}
