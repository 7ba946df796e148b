// Which permissions an interface's options need that its connection was not granted. The connection stores
// the scopes the platform granted; an option that needs more (Xero: "create jobs" needs accounting.settings)
// asks for Reconnect with the reason, before any upload meets the refusal (docs/platforms/xero.md, "Scopes").
import type { InterfaceOptions } from './types.ts';
import { missingXeroScopes, permissionMissingMessage, type ScopeNeed } from './xero/manifest.ts';

export type { ScopeNeed };

export function missingScopes(
  provider: string,
  granted: readonly string[],
  options: InterfaceOptions,
): ScopeNeed[] {
  // MYOB's scopes do not depend on the options (its manifest asks for all of them).
  return provider === 'xero' ? missingXeroScopes(granted, options) : [];
}

/** "Permission missing: reconnect and allow X (why)." or null when nothing is missing. */
export function missingScopesMessage(needs: readonly ScopeNeed[]): string | null {
  return needs.length ? permissionMissingMessage(needs) : null;
}
