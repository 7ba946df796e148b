// What every part of the sandbox shares: the state, the clock, the options and the side services.
import type { SandboxClock } from '../common/clock.ts';
import type { SigningKeys } from './identity/keys.ts';
import type { XeroLimits } from './limits.ts';
import type { ResolvedOptions, XeroClientApp } from './options.ts';
import { opaqueToken, uuid } from './random.ts';
import type { OrgState, XeroState } from './state.ts';
import type { WebhookQueue } from './webhooks.ts';

export interface XeroContext {
  state: XeroState;
  clock: SandboxClock;
  options: ResolvedOptions;
  keys: SigningKeys;
  limits: XeroLimits;
  webhooks: WebhookQueue;
  /** Marks the state changed (persisted, debounced, when a state file is configured). */
  changed(): void;
}

export function newId(ctx: XeroContext): string {
  return uuid(ctx.state);
}

export function newToken(ctx: XeroContext): string {
  return opaqueToken(ctx.state);
}

export function findClient(ctx: XeroContext, clientId: string | null | undefined): XeroClientApp | undefined {
  return ctx.options.clients.find((c) => c.clientId === clientId);
}

export function orgOf(ctx: XeroContext, tenantId: string): OrgState | undefined {
  return ctx.state.orgs[tenantId];
}

/** The one sandbox user who signs in on the consent page (Xero user ids are GUIDs; sub is 32 hex). */
export const SANDBOX_USER = {
  userId: 'd1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b',
  sub: '9f8e7d6c5b4a39281706f5e4d3c2b1a0',
  email: 'demo.user@abtrac.example',
  givenName: 'Demo',
  familyName: 'User',
} as const;
