// Shared set-up for the MYOB sandbox tests: a sandbox on a manual clock behind msw, and the connect flow
// done the way the add-on does it (openid-client v6 configured by hand, myob.md §1.8).
import * as client from 'openid-client';
import { type ManualClock, manualClock } from '../common/clock.ts';
import { FaultInjector } from '../common/faults.ts';
import { createMyobSandbox, type MyobSandbox, type MyobSandboxOptions } from './index.ts';

export const API_KEY = 'abtrac-test-key';
export const API_SECRET = 'abtrac-test-secret';
export const REDIRECT_URI = 'https://addon.example.test/connect/myob/callback';
export const SCOPES = 'sme-company-file sme-general-ledger sme-contacts-customer sme-sales';
export const BASE_URLS = {
  secure: 'https://secure.myob.com',
  api: 'https://api.myob.com',
  admin: 'https://myob.sandbox.test',
};

export interface TestEnv {
  sandbox: MyobSandbox;
  clock: ManualClock;
  faults: FaultInjector;
}

export function makeEnv(options: Partial<MyobSandboxOptions> = {}): TestEnv {
  const clock = manualClock(Date.UTC(2026, 10, 2, 9, 0, 0));
  const faults = new FaultInjector(() => 0);
  const sandbox = createMyobSandbox({
    clock,
    faults,
    publicBaseUrls: BASE_URLS,
    apps: [
      { apiKey: API_KEY, apiSecret: API_SECRET, redirectUris: [REDIRECT_URI], name: 'Abtrac Accounts Link' },
    ],
    autoApprove: true,
    // Tests run many calls at one instant of a manual clock; rate-limit tests set the real 8 explicitly.
    perSecondLimit: 10_000,
    ...options,
  });
  return { sandbox, clock, faults };
}

export function oidcConfig(): client.Configuration {
  return new client.Configuration(
    {
      issuer: 'https://secure.myob.com',
      authorization_endpoint: 'https://secure.myob.com/oauth2/account/authorize',
      token_endpoint: 'https://secure.myob.com/oauth2/v1/authorize',
    },
    API_KEY,
    API_SECRET,
  );
}

export interface Connection {
  config: client.Configuration;
  accessToken: string;
  refreshToken: string;
  businessId: string;
  businessName: string;
  tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
}

/** Runs the code flow with autoApprove: authorize URL -> redirect -> code grant. */
export async function connect(scope = SCOPES): Promise<Connection> {
  const config = oidcConfig();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope,
    state,
    prompt: 'consent',
  });
  const res = await fetch(url, { redirect: 'manual' });
  if (res.status !== 302) throw new Error(`authorize answered ${res.status}`);
  const callback = new URL(res.headers.get('location')!);
  const tokens = await client.authorizationCodeGrant(config, callback, { expectedState: state });
  return {
    config,
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token!,
    businessId: callback.searchParams.get('businessId')!,
    businessName: callback.searchParams.get('businessName')!,
    tokens,
  };
}

export function myobHeaders(accessToken: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    authorization: `Bearer ${accessToken}`,
    'x-myobapi-key': API_KEY,
    'x-myobapi-version': 'v2',
    accept: 'application/json',
    ...extra,
  };
}

/** A small API client over fetch for the tests. */
export function api(conn: Connection) {
  const base = `https://api.myob.com/accountright/${conn.businessId}`;
  const call = async (method: string, path: string, body?: unknown) => {
    const url = path.startsWith('https://') ? path : `${base}/${path}`;
    const res = await fetch(url, {
      method,
      headers: myobHeaders(
        conn.accessToken,
        body === undefined ? {} : { 'content-type': 'application/json' },
      ),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    // biome-ignore lint/suspicious/noExplicitAny: test convenience over MYOB's JSON.
    const json: any = text ? JSON.parse(text) : undefined;
    return { status: res.status, headers: res.headers, json };
  };
  return {
    base,
    get: (path: string) => call('GET', path),
    post: (path: string, body: unknown) => call('POST', path, body),
    put: (path: string, body: unknown) => call('PUT', path, body),
    delete: (path: string) => call('DELETE', path),
  };
}

export type Api = ReturnType<typeof api>;

/** UIDs of the demo file's reference data, read through the API. */
export async function lookups(a: Api) {
  const accounts = (await a.get('GeneralLedger/Account?$top=1000')).json.Items as {
    UID: string;
    DisplayID: string;
  }[];
  const taxCodes = (await a.get('GeneralLedger/TaxCode')).json.Items as { UID: string; Code: string }[];
  const jobs = (await a.get('GeneralLedger/Job')).json.Items as { UID: string; Number: string }[];
  const customers = (await a.get('Contact/Customer')).json.Items as { UID: string; DisplayID: string }[];
  return {
    account: (id: string) => accounts.find((x) => x.DisplayID === id)!.UID,
    tax: (code: string) => taxCodes.find((x) => x.Code === code)!.UID,
    job: (n: string) => jobs.find((x) => x.Number === n)!.UID,
    customer: (id: string) => customers.find((x) => x.DisplayID === id)!.UID,
  };
}
