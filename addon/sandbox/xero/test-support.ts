// Shared by the sandbox's tests: a sandbox on a manual clock, the OAuth flow done with plain fetch (the
// openid-client flow has its own test), and a small API caller. Not used by the sandbox itself.
import { createHash, randomBytes } from 'node:crypto';
import { type ManualClock, manualClock } from '../common/clock.ts';
import type { XeroClientApp, XeroSandboxOptions } from './options.ts';
import { createXeroSandbox, type XeroSandbox } from './sandbox.ts';

export const TEST_CLIENT: XeroClientApp = {
  clientId: 'ABTRACTESTCLIENT0000000000000001',
  clientSecret: 'test-secret-do-not-use',
  redirectUris: ['https://app.abtrac.test/api/connect/xero/callback'],
  name: 'Abtrac Accounts Link',
};

export const RECOMMENDED_SCOPE =
  'openid profile email offline_access accounting.settings accounting.contacts accounting.invoices accounting.payments';

export function makeSandbox(extra: Partial<XeroSandboxOptions> = {}): {
  sandbox: XeroSandbox;
  clock: ManualClock;
} {
  const clock = (extra.clock as ManualClock | undefined) ?? manualClock();
  const sandbox = createXeroSandbox({ clients: [TEST_CLIENT], autoApprove: true, ...extra, clock });
  return { sandbox, clock };
}

export interface Tokens {
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  expires_in: number;
  scope: string;
}

export function basicAuth(client = TEST_CLIENT): string {
  return `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`;
}

/** authorize (autoApprove) -> code -> tokens, with PKCE. */
export async function connect(scope = RECOMMENDED_SCOPE): Promise<Tokens> {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const redirectUri = TEST_CLIENT.redirectUris[0]!;
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: TEST_CLIENT.clientId,
    redirect_uri: redirectUri,
    scope,
    state: 'st-1',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  const auth = await fetch(`https://login.xero.com/identity/connect/authorize?${q}`, { redirect: 'manual' });
  const location = auth.headers.get('location');
  if (auth.status !== 302 || !location)
    throw new Error(`authorize failed: ${auth.status} ${await auth.text()}`);
  const code = new URL(location).searchParams.get('code')!;
  return tokenRequest({
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
    code_verifier: verifier,
  }).then(async (r) => {
    if (r.status !== 200) throw new Error(`token failed: ${r.status} ${await r.text()}`);
    return (await r.json()) as Tokens;
  });
}

export function tokenRequest(form: Record<string, string>): Promise<Response> {
  return fetch('https://identity.xero.com/connect/token', {
    method: 'POST',
    headers: { authorization: basicAuth(), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
}

export function api(
  token: string,
  tenantId: string,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  return fetch(`https://api.xero.com/api.xro/2.0/${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${token}`,
      'xero-tenant-id': tenantId,
      accept: 'application/json',
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
}

/** A valid ACCREC invoice for the AU organisation. */
export function auInvoice(overrides: Record<string, unknown> = {}, line: Record<string, unknown> = {}) {
  return {
    Type: 'ACCREC',
    Contact: { Name: 'Harbour Developments Pty Ltd' },
    Date: '2026-11-01',
    DueDate: '2026-11-15',
    LineAmountTypes: 'Exclusive',
    Status: 'AUTHORISED',
    LineItems: [
      {
        Description: 'Design fees, stage 1',
        Quantity: 1,
        UnitAmount: 1000,
        AccountCode: '200',
        TaxType: 'OUTPUT',
        ...line,
      },
    ],
    ...overrides,
  };
}
