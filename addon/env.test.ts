// The sign-in settings read from the environment: OIDC_PROVIDERS, SMTP_URL and the session idle time.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './env.ts';

const entra = {
  id: 'entra',
  name: 'Microsoft',
  issuer: 'https://login.microsoftonline.com/2f1c0f5e-0000-4000-8000-000000000000/v2.0',
  clientId: 'client',
  clientSecret: 'secret',
};

describe('sign-in configuration', () => {
  it('reads OIDC_PROVIDERS as a JSON list, and SMTP_URL with its sender', () => {
    const config = loadConfig({
      OIDC_PROVIDERS: JSON.stringify([entra]),
      SMTP_URL: 'smtps://u:p@smtp.example.com:465',
      PUBLIC_URL: 'https://link.example.com',
      SESSION_IDLE_MINUTES: '60',
    });
    expect(config.signInProviders).toEqual([entra]);
    expect(config.smtp).toEqual({
      url: 'smtps://u:p@smtp.example.com:465',
      from: 'Abtrac Accounts Link <no-reply@link.example.com>',
    });
    expect(config.sessionIdleMs).toBe(3_600_000);
  });

  it('has no providers, no SMTP and an 8-hour idle time by default', () => {
    const config = loadConfig({});
    expect(config.signInProviders).toEqual([]);
    expect(config.smtp).toBeUndefined();
    expect(config.sessionIdleMs).toBe(8 * 3_600_000);
  });

  it.each([
    ['not JSON', '[{id:', /must be a JSON list/],
    [
      'a missing secret',
      JSON.stringify([{ ...entra, clientSecret: undefined }]),
      /OIDC_PROVIDERS\.0\.clientSecret/,
    ],
    [
      'an issuer that is not a URL',
      JSON.stringify([{ ...entra, issuer: 'login.microsoftonline.com' }]),
      /OIDC_PROVIDERS\.0\.issuer/,
    ],
    ['the id kept for Xero', JSON.stringify([{ ...entra, id: 'xero' }]), /kept for Sign in with Xero/],
    ['an id used twice', JSON.stringify([entra, { ...entra, name: 'Other' }]), /"entra" is used twice/],
  ])('refuses OIDC_PROVIDERS with %s, naming the variable', (_what, value, message) => {
    expect(() => loadConfig({ OIDC_PROVIDERS: value })).toThrow(ConfigError);
    expect(() => loadConfig({ OIDC_PROVIDERS: value })).toThrow(message);
  });
});
