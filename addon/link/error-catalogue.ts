// Every error a person can meet while sending invoices, as a sentence that says what happened and what
// to do. Connector errors carry the platform's own words (e.g. Xero's ValidationErrors); the catalogue
// adds the fix.
import type { ConnectorErrorCode } from '../connectors/errors.ts';

type Code = ConnectorErrorCode | PreviewCode;
type PreviewCode =
  | 'no_account'
  | 'no_tax'
  | 'account_missing'
  | 'account_archived'
  | 'account_not_revenue'
  | 'tax_missing'
  | 'tax_archived'
  | 'tax_not_revenue'
  | 'tax_not_allowed_with_account'
  | 'tax_rate_mismatch'
  | 'contact_unmatched'
  | 'contact_near_match'
  | 'contact_archived'
  | 'not_connected'
  | 'credit_not_supported'
  | 'blocked_by_preview';

/** What to do, by code. The specific message (which account, which contact) comes with the error itself. */
export const ERROR_ADVICE: Record<Code, string> = {
  auth_expired: 'The connection was refused. Reconnect the interface on its connection page, then retry.',
  reconnect_needed:
    'The connection to the accounting file has ended (it expired, was revoked, or was disconnected inside the ledger). Choose Reconnect on the interface, then retry the batch.',
  forbidden:
    'The connected user may not do this in the accounting file. Reconnect as a user with the needed access.',
  scope_missing:
    'Choose Reconnect on the interface and allow what the message names; the upload cannot continue until then.',
  rate_limited: 'The accounting service asked us to slow down. The upload waits and continues by itself.',
  validation:
    'The ledger did not accept the invoice. Fix what the message says (usually a mapping), then retry the failed invoices.',
  not_found:
    'Something the invoice refers to no longer exists in the ledger. Refresh the codes and check the mappings, then retry.',
  conflict:
    'The ledger already holds a different invoice with this number that the add-on did not send. Check it in the ledger, then renumber or remove one of them.',
  duplicate: 'The ledger already holds this invoice; it was not sent again.',
  provider_unavailable:
    'The accounting service is not answering. The upload retries by itself; nothing was lost.',
  uncertain_outcome:
    'The connection dropped while sending. The add-on checks the ledger before sending again, so nothing is duplicated.',
  not_entitled:
    'The accounts link subscription is not active. See Billing to continue; nothing has been deleted.',
  unsupported: 'This accounting package cannot take this kind of document from the add-on.',
  internal: 'Something went wrong on our side. It has been logged; retry the failed invoices.',
  no_account: 'Map an account for these lines in Mappings.',
  no_tax: 'Map a tax rate for these lines in Mappings.',
  account_missing: 'Refresh the codes, then choose an existing account in Mappings.',
  account_archived: 'Choose another account in Mappings.',
  account_not_revenue: 'Choose a revenue account in Mappings.',
  tax_missing: 'Refresh the codes, then choose an existing tax rate in Mappings.',
  tax_archived: 'Choose an active tax rate in Mappings.',
  tax_not_revenue: 'Choose a tax rate for sales in Mappings.',
  tax_not_allowed_with_account:
    'Choose a tax rate the ledger allows with this account, or another account, in Mappings.',
  tax_rate_mismatch: 'Map a tax rate with the same percentage as Abtrac’s tax class.',
  contact_unmatched: 'Create the contact in the ledger, or let the interface create contacts.',
  contact_near_match:
    'Check the contact in the ledger: give it the client ID as its number, or fix the name in Abtrac.',
  contact_archived: 'Restore the contact in the ledger, or link the client to another contact.',
  not_connected: 'Connect the interface first.',
  credit_not_supported: 'Enter the credit in the ledger by hand.',
  blocked_by_preview: 'Fix the problems the preview lists, then retry.',
};

/** The sentence shown in a batch's "Upload Error" column. */
export function errorSentence(error: { code: string; message: string }): string {
  const advice = ERROR_ADVICE[error.code as Code];
  if (!advice || error.message.includes(advice)) return error.message;
  return `${error.message.replace(/\.?$/, '.')} ${advice}`;
}
