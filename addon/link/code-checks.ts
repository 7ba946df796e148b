// What can be wrong with a ledger code as the ledger has it now, in words a person can act on.
// Used by the mapping screen (flags on saved rules) and by the preview (errors that block an invoice).
import type { ReferenceIndex } from './reference.ts';

export interface CodeProblem {
  field: 'accountCode' | 'taxCode' | 'trackingOption';
  code: string;
  message: string;
}

/** `anyClass`: any active account will do (a rounding account need not be revenue). */
export function checkAccount(
  index: ReferenceIndex,
  code: string,
  provider: string,
  { anyClass = false }: { anyClass?: boolean } = {},
): CodeProblem | null {
  // An import-file interface has no chart to check against unless one was uploaded.
  if (!index.pulledKinds.has('accounts')) return null;
  const account = index.accounts.get(code);
  if (!account)
    return {
      field: 'accountCode',
      code: 'account_missing',
      message: `Account ${code} does not exist in ${provider}.`,
    };
  if (account.status !== 'active') {
    return {
      field: 'accountCode',
      code: 'account_archived',
      message: `Account ${code} (${account.name}) is ${account.status} in ${provider}.`,
    };
  }
  if (!anyClass && !account.isRevenue) {
    return {
      field: 'accountCode',
      code: 'account_not_revenue',
      message: `Account ${code} (${account.name}) is not a revenue account, so invoices cannot use it.`,
    };
  }
  return null;
}

export function checkTax(
  index: ReferenceIndex,
  code: string,
  accountCode: string | null,
  provider: string,
): CodeProblem | null {
  if (!index.pulledKinds.has('taxRates')) return null;
  const rate = index.taxRates.get(code);
  if (!rate)
    return {
      field: 'taxCode',
      code: 'tax_missing',
      message: `Tax rate ${code} does not exist in ${provider}.`,
    };
  if (rate.status !== 'active') {
    return {
      field: 'taxCode',
      code: 'tax_archived',
      message: `Tax rate ${rate.name} (${code}) is ${rate.status} in ${provider}.`,
    };
  }
  if (!rate.canApplyToRevenue) {
    return {
      field: 'taxCode',
      code: 'tax_not_revenue',
      message: `Tax rate ${rate.name} (${code}) cannot be used on sales.`,
    };
  }
  const account = accountCode ? index.accounts.get(accountCode) : undefined;
  if (account && rate.accountClasses.length && !rate.accountClasses.includes(account.accountClass)) {
    return {
      field: 'taxCode',
      code: 'tax_not_allowed_with_account',
      message: `Tax rate ${rate.name} (${code}) cannot be used with account ${account.code} (${account.name}) in ${provider}.`,
    };
  }
  return null;
}

export function checkTracking(index: ReferenceIndex, option: string, provider: string): CodeProblem | null {
  if (!index.pulledKinds.has('tracking') || index.trackingOptions.has(option)) return null;
  return {
    field: 'trackingOption',
    code: 'tracking_missing',
    message: `Tracking option ${option} does not exist (or is archived) in ${provider}.`,
  };
}
