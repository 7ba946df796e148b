import { useSearchParams } from 'react-router';
import { api } from '../../api.ts';
import { ErrorNotice, Loading } from '../../components/Notices.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PlatformMark } from '../../components/PlatformButton.tsx';
import { useResource } from '../../useResource.ts';

/** What each refusal code from the sign-in callback means, in plain words. */
export const SIGN_IN_ERRORS: Record<string, string> = {
  no_account:
    'You signed in, but that account is not a member of any practice here. Ask an administrator of your practice to invite you, then use the link in the invitation.',
  sign_in_failed: 'The sign-in provider could not confirm who you are. Try again.',
  sign_in_expired: 'The sign-in took too long or was started in another browser. Start again here.',
  access_denied: 'Sign-in was cancelled at the provider.',
  provider_unavailable: 'The sign-in provider could not be reached. Try again shortly.',
  invitation_invalid:
    'This invitation link is not valid or was withdrawn. Ask an administrator for a new one.',
  invitation_used: 'This invitation has already been used. Sign in below instead.',
  invitation_expired: 'This invitation has expired. Ask an administrator for a new one.',
  identity_in_other_practice:
    'The account you signed in with already belongs to another practice. Use a different account to accept this invitation.',
};

export function SignInPage() {
  const [params] = useSearchParams();
  const error = params.get('error');
  const { data, error: loadError } = useResource('sign-in-options', () => api.auth.options());
  return (
    <div className="signin">
      <PageHeader title="Sign in to Abtrac Accounts Link" description="Choose how your practice signs in." />
      {error ? (
        <div className="notice notice-error" role="alert">
          {SIGN_IN_ERRORS[error] ?? 'Sign-in did not complete. Try again.'}
        </div>
      ) : null}
      <ErrorNotice error={loadError} />
      {!data ? <Loading what="the sign-in options" /> : null}
      {data ? (
        <ul className="signin-providers">
          {data.providers.map((p) => (
            <li key={p.id}>
              <a className="button button-primary" href={api.auth.signInUrl(p.id)}>
                Sign in with {p.name}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {data && data.providers.length === 0 ? (
        <p className="notice notice-muted">
          No sign-in provider is configured yet (see the README: OIDC_PROVIDERS).
        </p>
      ) : null}
      <section className="signin-xero" aria-labelledby="signup-heading">
        <h2 id="signup-heading">New practice?</h2>
        <a className="platform-button platform-xero" href="/api/oauth/xero/signup">
          <PlatformMark platform="xero" />
          <span>Sign up with Xero</span>
        </a>
        <p className="muted small">
          Uses your Xero login: your practice is created with a 30-day trial, connected to the organisation
          you choose. A later visit signs you in again.
        </p>
      </section>
      {data?.demo ? (
        <p>
          This is the demo: you can also <a href="/">carry on as the demo administrator</a> without signing
          in.
        </p>
      ) : null}
    </div>
  );
}
