// Refusals of the connect flow, in plain words. The routes turn them into HTTP answers; none carries a token.

export type FlowErrorCode =
  | 'state_invalid'
  | 'state_expired'
  | 'attempt_unknown'
  | 'attempt_used'
  | 'verifier_missing'
  | 'wrong_practice'
  | 'browser_mismatch'
  | 'not_oauth'
  | 'not_connected'
  | 'no_pending_choice'
  | 'organisation_not_offered'
  | 'organisation_already_chosen'
  | 'organisation_mismatch'
  | 'organisation_in_use'
  | 'no_organisation'
  | 'access_denied'
  | 'myob_admin_required'
  | 'exchange_failed'
  | 'provider_error'
  | 'signup_failed'
  | 'provider_not_configured';

export class OAuthFlowError extends Error {
  constructor(
    readonly status: number,
    readonly code: FlowErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'OAuthFlowError';
  }
}

export const flowError = (status: number, code: FlowErrorCode, message: string) =>
  new OAuthFlowError(status, code, message);

/** A provider without credentials outside demo / sandbox mode: its routes do not exist (404). */
export const providerNotConfigured = (provider: string) =>
  flowError(
    404,
    'provider_not_configured',
    `${provider === 'xero' ? 'Xero' : provider === 'myob' ? 'MYOB' : provider} is not configured on this server.`,
  );
