// Scopes as an app created after 2 March 2026 sees them (xero.md §1.4): granular names are known, the broad
// deprecated ones are refused with invalid_scope, and each Accounting endpoint needs its scope.

export const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'] as const;

const GRANULAR = [
  'accounting.invoices',
  'accounting.invoices.read',
  'accounting.payments',
  'accounting.payments.read',
  'accounting.banktransactions',
  'accounting.banktransactions.read',
  'accounting.manualjournals',
  'accounting.manualjournals.read',
  'accounting.contacts',
  'accounting.contacts.read',
  'accounting.settings',
  'accounting.settings.read',
  'accounting.attachments',
  'accounting.attachments.read',
  'accounting.budgets.read',
  'accounting.journals.read',
  'accounting.reports.aged.read',
  'accounting.reports.balancesheet.read',
  'accounting.reports.profitandloss.read',
  'accounting.reports.trialbalance.read',
  'accounting.reports.banksummary.read',
  'accounting.reports.budgetsummary.read',
  'accounting.reports.executivesummary.read',
  'accounting.reports.taxreports.read',
] as const;

/** Broad scopes retired for apps created on or after 2 March 2026 (xero.md §1.4). */
export const DEPRECATED_SCOPES = [
  'accounting.transactions',
  'accounting.transactions.read',
  'accounting.reports.read',
];

export const KNOWN_SCOPES: ReadonlySet<string> = new Set([...OIDC_SCOPES, ...GRANULAR]);

/** Splits and checks a requested scope string; returns the scopes or the OAuth error. */
export function parseScopes(
  scope: string | null,
): { scopes: string[] } | { error: 'invalid_scope'; description: string } {
  const scopes = [...new Set((scope ?? '').split(/\s+/).filter(Boolean))];
  if (!scopes.length) return { error: 'invalid_scope', description: 'No scope requested' };
  for (const s of scopes) {
    if (DEPRECATED_SCOPES.includes(s)) {
      return {
        error: 'invalid_scope',
        description: `Scope ${s} is not available to apps created after 2 March 2026`,
      };
    }
    if (!KNOWN_SCOPES.has(s)) return { error: 'invalid_scope', description: `Unknown scope ${s}` };
  }
  return { scopes };
}

/** The scope family an Accounting endpoint needs (OAS securities, xero.md §1.4 table). */
export function scopeFamilyFor(resource: string): string | undefined {
  switch (resource.toLowerCase()) {
    case 'organisation':
    case 'accounts':
    case 'taxrates':
    case 'trackingcategories':
      return 'accounting.settings';
    case 'contacts':
      return 'accounting.contacts';
    case 'invoices':
    case 'creditnotes':
      return 'accounting.invoices';
    case 'payments':
      return 'accounting.payments';
    default:
      return undefined;
  }
}

/** GET accepts the family or its ".read" variant; writes need the family itself. */
export function hasScope(granted: readonly string[], family: string, method: string): boolean {
  if (granted.includes(family)) return true;
  // Payments were part of the invoices family before the split; Xero still lets invoice writers read them.
  return method === 'GET' && granted.includes(`${family}.read`);
}
