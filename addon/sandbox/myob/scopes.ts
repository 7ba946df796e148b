// Granular scopes (myob.md §1.5). New keys must use them; the legacy CompanyFile scope is accepted only
// for apps registered as legacy keys (before 12 March 2025), where it grants everything.

export const GRANULAR_SCOPES: Record<string, string> = {
  'sme-company-file': 'Read your company file details',
  'sme-general-ledger': 'Read and write your accounts, tax codes and jobs',
  'sme-contacts-customer': 'Read and write your customers',
  'sme-contacts-supplier': 'Read and write your suppliers',
  'sme-contacts-personal': 'Read and write your personal contacts',
  'sme-contacts-employee': 'Read and write your employees',
  'sme-sales': 'Read and write your sales, invoice payments and credit notes',
  'sme-purchases': 'Read and write your purchases',
  'sme-banking': 'Read and write your banking',
  'sme-inventory': 'Read and write your inventory',
  'sme-timebilling': 'Read and write your time billing',
  'sme-payroll': 'Read and write your payroll',
  'sme-company-settings': 'Read and write your company settings',
};

export const LEGACY_SCOPE = 'CompanyFile';

/**
 * Sent by some third-party code, not in MYOB's docs (myob.md §1.5, unverified). Accepted and ignored:
 * the sandbox issues a refresh token whether or not offline_access is asked for.
 */
export const IGNORED_SCOPES = new Set(['offline_access', 'openid']);

export type ScopeCheck = { ok: true; scopes: string[] } | { ok: false; description: string };

export function checkScopes(requested: string, legacyKey: boolean): ScopeCheck {
  const scopes = [...new Set(requested.split(/[\s+]+/).filter(Boolean))];
  if (scopes.length === 0) return { ok: false, description: 'The scope parameter is required' };
  if (scopes.includes(LEGACY_SCOPE) && !legacyKey) {
    return {
      ok: false,
      description:
        'The legacy CompanyFile scope is deprecated for API keys created after 12 March 2025; request granular scopes such as sme-company-file sme-general-ledger sme-contacts-customer sme-sales',
    };
  }
  const unknown = scopes.filter(
    (s) => s !== LEGACY_SCOPE && !IGNORED_SCOPES.has(s) && !(s in GRANULAR_SCOPES),
  );
  if (unknown.length) return { ok: false, description: `Unknown scope: ${unknown.join(' ')}` };
  return { ok: true, scopes };
}

/** Whether a consent's scopes grant `needed` (CompanyFile, on legacy keys, grants everything). */
export function grants(scopes: readonly string[], needed: string): boolean {
  return scopes.includes(needed) || scopes.includes(LEGACY_SCOPE);
}
