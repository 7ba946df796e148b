// The OAuth connection toolkit: token crypto and store, single-flight refresh, signed state + PKCE attempts,
// and the generic connect / callback / choose / disconnect flow.
export type { FlowAdapter } from './adapter.ts';
export type { OAuthProvider } from './attempts.ts';
export { type CallbackBrowser, type CallbackOutcome, completeCallback } from './callback.ts';
export { type Actor, type StartedFlow, startConnect, startSignup } from './connect.ts';
export { decryptSecret, encryptSecret, TokenCryptoError } from './crypto.ts';
export { adapterFor, type ConnectionDeps, isOAuthProvider } from './deps.ts';
export { type FlowErrorCode, OAuthFlowError } from './errors.ts';
export { chooseOrganisation, pendingOrganisations } from './organisations.ts';
export { STATE_TTL_MS } from './state.ts';
export {
  type CheckedConnection,
  type ConnectionStatus,
  checkConnection,
  connectionStatus,
  disconnectInterface,
} from './status.ts';
export { accessTokenFor, type IdleRefreshReport, refreshIdleConnections, refreshNow } from './tokens.ts';
