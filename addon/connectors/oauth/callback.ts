// The one OAuth callback for every provider (DESIGN §9: never copy it per provider): check the signed
// state, use up the attempt (before the code is exchanged), check the browser, exchange, find the tenants,
// then connect the interface (connect) or create / sign in to a practice (signup).
import { ConnectorError } from '../errors.ts';
import { redirectUri } from '../settings.ts';
import type { Tenant, TokenGrant } from '../types.ts';
import { type ConsumedAttempt, consumeAttempt, type OAuthProvider } from './attempts.ts';
import { adapterFor, type ConnectionDeps } from './deps.ts';
import { type FlowErrorCode, flowError, OAuthFlowError, providerNotConfigured } from './errors.ts';
import { connectGrant, recordFailure } from './organisations.ts';
import { signUpOrSignIn } from './signup.ts';
import { bindingMatches, StateError, type StatePayload, verifyState } from './state.ts';

/** Who the browser arriving at the callback is. */
export interface CallbackBrowser {
  /** The practice of the signed-in session, if any. */
  sessionPracticeId?: string | undefined;
  sessionActor?: string | undefined;
  /** Attempt id -> the secret of the binding cookie this browser holds for it (set when the flow began). */
  bindings: ReadonlyMap<string, string>;
}

export type CallbackOutcome =
  | { kind: 'connected'; practiceId: string; interfaceId: string }
  | { kind: 'choose'; practiceId: string; interfaceId: string }
  | { kind: 'failed'; practiceId: string; interfaceId: string; code: FlowErrorCode; message: string }
  | { kind: 'signed_up'; practiceId: string; userId: string; interfaceId: string; choose: boolean }
  | { kind: 'signed_in'; practiceId: string; userId: string };

export async function completeCallback(
  deps: ConnectionDeps,
  provider: OAuthProvider,
  callbackUrl: URL,
  browser: CallbackBrowser,
): Promise<{ attemptId: string; outcome: CallbackOutcome }> {
  if (!deps.settings[provider].available) throw providerNotConfigured(provider);
  const now = deps.clock.now();
  const state = callbackUrl.searchParams.get('state');
  let payload: ReturnType<typeof verifyState>;
  try {
    payload = verifyState(deps.sessionSecret, state, now);
  } catch (e) {
    if (e instanceof StateError) throw flowError(400, e.code, e.message);
    throw e;
  }
  const attempt = await consumeAttempt(deps.db, deps.tokenKey, payload.attemptId, payload.purpose, now);
  if (attempt.provider !== provider) {
    throw flowError(
      400,
      'attempt_unknown',
      'This sign-in was started for another platform. Start connecting again.',
    );
  }
  checkBrowser(attempt, payload, browser);
  const outcome = await complete(
    deps,
    attempt,
    callbackUrl,
    state!,
    payload.allowTenantChange === true,
    browser,
  );
  return { attemptId: attempt.attemptId, outcome };
}

/**
 * The state proves the flow is ours; this proves the browser finishing it is the one that started it (or
 * is signed in to the same practice), so nobody can push their own authorisation into another practice,
 * nor trick someone into connecting their ledger to the attacker's practice.
 */
function checkBrowser(attempt: ConsumedAttempt, state: StatePayload, browser: CallbackBrowser) {
  if (
    attempt.purpose === 'connect' &&
    browser.sessionPracticeId &&
    browser.sessionPracticeId !== attempt.practiceId
  ) {
    throw flowError(
      403,
      'wrong_practice',
      'This connection was started for a different practice than the one you are signed in to. Sign in to that practice and connect again.',
    );
  }
  const sameSession = attempt.purpose === 'connect' && browser.sessionPracticeId === attempt.practiceId;
  if (!sameSession && !bindingMatches(state, browser.bindings.get(attempt.attemptId))) {
    throw flowError(
      403,
      'browser_mismatch',
      'This connection was started in another browser. Start connecting again from Abtrac in this browser.',
    );
  }
}

async function complete(
  deps: ConnectionDeps,
  attempt: ConsumedAttempt,
  callbackUrl: URL,
  state: string,
  allowTenantChange: boolean,
  browser: CallbackBrowser,
): Promise<CallbackOutcome> {
  const adapter = adapterFor(deps, attempt.provider);
  const fail = async (code: FlowErrorCode, message: string, status = 400): Promise<CallbackOutcome> => {
    if (attempt.purpose === 'signup' || !attempt.practiceId || !attempt.interfaceId) {
      throw flowError(status, code, message);
    }
    await recordFailure(deps, attempt.practiceId, attempt.interfaceId, attempt.provider, code, message);
    return {
      kind: 'failed',
      practiceId: attempt.practiceId,
      interfaceId: attempt.interfaceId,
      code,
      message,
    };
  };

  const error = callbackUrl.searchParams.get('error');
  if (error) {
    const plain = adapter.callbackError(error, callbackUrl.searchParams.get('error_description'));
    return fail(plain.code, plain.message);
  }

  let grant: TokenGrant;
  let tenants: Tenant[];
  try {
    grant = await adapter.exchangeCode({
      callbackUrl,
      redirectUri: redirectUri(deps.settings, attempt.provider),
      codeVerifier: attempt.codeVerifier,
      expectedState: state,
    });
    tenants = await adapter.tenants(grant, callbackUrl);
  } catch (e) {
    if (e instanceof OAuthFlowError) return fail(e.code, e.message, e.status);
    const message =
      e instanceof ConnectorError
        ? `${e.message} The connection was not completed; connect again.`
        : 'The connection could not be completed. Connect again.';
    deps.log.warn(
      { provider: attempt.provider, code: e instanceof ConnectorError ? e.code : 'internal' },
      'code exchange failed',
    );
    return fail('exchange_failed', message, 502);
  }
  if (!tenants.length) {
    return fail(
      'no_organisation',
      'No organisation was approved. Connect again and tick the organisation to connect.',
    );
  }

  if (attempt.purpose === 'signup') return signUpOrSignIn(deps, attempt, grant, tenants);
  const actor = browser.sessionActor ?? attempt.startedBy ?? 'unknown';
  return connectGrant(deps, {
    practiceId: attempt.practiceId!,
    interfaceId: attempt.interfaceId!,
    provider: attempt.provider,
    actor,
    grant,
    tenants,
    allowTenantChange,
  });
}
