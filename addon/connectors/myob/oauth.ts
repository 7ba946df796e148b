// MYOB Business's OAuthAdapter (myob.md §1): no discovery document, so the Configuration is built by hand;
// client_secret_post (openid-client's default for a string secret, §1.4); prompt=consent so the callback
// carries businessId (§1.2, §1.3); one consent = one company file; consent lasts 12 months. The file's name
// comes from MYOB's API (GET {cf_uri}/, §1.6), never from the callback URL, which anyone can edit.
import * as client from 'openid-client';
import type { Clock } from '../clock.ts';
import { type FlowAdapter, isHttp, oauthFailure, publicCallbackUrl, toGrant } from '../oauth/adapter.ts';
import { flowError } from '../oauth/errors.ts';
import type { MyobSettings } from '../settings.ts';
import type { InterfaceOptions } from '../types.ts';
import { MyobClient, sharedMyobGovernors } from './client.ts';
import { myobPlatform } from './manifest.ts';

export function myobOAuth(settings: MyobSettings, clock: Clock): FlowAdapter {
  const secure = settings.baseUrls.secure.replace(/\/+$/, '');
  const config = new client.Configuration(
    {
      issuer: secure,
      authorization_endpoint: `${secure}${myobPlatform.paths.authorize}`,
      token_endpoint: `${secure}${myobPlatform.paths.token}`,
    },
    settings.apiKey,
    settings.apiSecret,
  );
  if (isHttp(secure)) client.allowInsecureRequests(config);

  return {
    provider: 'myob',
    scopes: myobPlatform.scopes,
    // MYOB's scopes do not depend on the options: jobs and sales share sme-general-ledger and sme-sales.
    scopesFor: () => myobPlatform.scopes,
    // Refresh-token lifetime is undocumented, about 7 days idle per third parties: refresh daily (§1.4).
    idleRefreshDays: 1,

    async authorizationUrl({ redirectUri, state, scopes }) {
      // No PKCE: MYOB never mentions it (myob.md §1.8, unverified), so the code_challenge is not sent.
      // The signed, single-use state and the browser binding protect this flow.
      return client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        response_type: 'code',
        scope: scopes.join(' '),
        state,
        prompt: 'consent',
      });
    },

    async exchangeCode({ callbackUrl, redirectUri, expectedState }) {
      try {
        const tokens = await client.authorizationCodeGrant(
          config,
          publicCallbackUrl(redirectUri, callbackUrl),
          {
            expectedState,
          },
        );
        // expires_in arrives as the string "1200"; openid-client parses it (myob.md §1.8).
        return toGrant(tokens, clock.now(), myobPlatform.scopes);
      } catch (e) {
        throw oauthFailure('myob', 'exchangeCode', e);
      }
    },

    async tenants(grant, callbackUrl) {
      // "This is currently the only place the GUID is returned for new API keys" (myob.md §1.3).
      const businessId = callbackUrl.searchParams.get('businessId');
      if (!businessId || !/^[0-9a-f-]{36}$/i.test(businessId)) {
        throw flowError(
          400,
          'no_organisation',
          'MYOB did not say which company file was approved. Connect again and pick the company file on the MYOB page.',
        );
      }
      const tenantId = businessId.toLowerCase();
      // The new token must open this very file (one consent = one file): MYOB's answer also names it.
      const file = new MyobClient(
        {
          tenantId,
          accessToken: async () => grant.accessToken,
          options: {} as InterfaceOptions,
          clock,
          baseUrls: { api: settings.baseUrls.api },
          credentials: { apiKey: settings.apiKey },
        },
        { governors: sharedMyobGovernors },
      );
      let name: unknown;
      try {
        const info = await file.get<{ CompanyFile?: { Name?: unknown } }>('', 'companyFile');
        name = info?.CompanyFile?.Name;
      } catch (e) {
        const status = (e as { httpStatus?: number }).httpStatus;
        if (status === 401 || status === 403 || status === 404) {
          throw flowError(
            400,
            'no_organisation',
            'MYOB did not open the company file named on the way back. Connect again and pick the company file on the MYOB page.',
          );
        }
        throw e;
      }
      return [
        {
          tenantId,
          name: typeof name === 'string' && name.trim() ? name.trim().slice(0, 200) : 'MYOB company file',
        },
      ];
    },

    async refresh(refreshToken) {
      try {
        return toGrant(
          await client.refreshTokenGrant(config, refreshToken),
          clock.now(),
          myobPlatform.scopes,
        );
      } catch (e) {
        throw oauthFailure('myob', 'refresh', e);
      }
    },

    // MYOB has no API to end a connection: the tokens are dropped here and an Administrator removes the
    // app under my.MYOB → App Connections (myob.md §1.4).
    async disconnect() {},

    callbackError(error) {
      if (error === 'access_denied') {
        // New keys: only an Administrator of the company file may approve (myob.md §1.4, §1.5). MYOB says
        // access_denied both for a refusal and for a non-administrator; the advice covers both.
        return {
          code: 'myob_admin_required',
          message:
            'MYOB did not approve the connection. Only an Administrator of the MYOB company file can approve it. ' +
            'Ask an Administrator of the file to sign in to Abtrac and choose Connect (or have them give you the ' +
            'Administrator role in MYOB), then try again.',
        };
      }
      return {
        code: 'provider_error',
        message: `MYOB could not complete the connection (${error}). Try connecting again.`,
      };
    },

    consentExpiresAt(now) {
      const d = new Date(now);
      d.setUTCMonth(d.getUTCMonth() + myobPlatform.tokens.consentMonths);
      return d;
    },
  };
}
