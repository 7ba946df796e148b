// Sign in, or sign up, with Xero: the journey Xero's App Store listing starts (its "connect request URL"),
// reachable from the app too. The same address creates the practice on a first visit and signs the same
// Xero user in on later ones (docs/platforms/xero.md, Sign up with Xero).
import { PageHeader } from '../../components/PageHeader.tsx';
import { PlatformMark } from '../../components/PlatformButton.tsx';

const SIGNUP = '/api/oauth/xero/signup';

export function SignInPage() {
  return (
    <>
      <PageHeader
        title="Sign in"
        description="Use your Xero login: no new password to remember. A first visit starts a 30-day trial for your practice, connected to the Xero organisation you choose."
      />
      <section className="panel signin-panel" aria-labelledby="signin-heading">
        <h2 id="signin-heading">New to Accounts Link?</h2>
        <a className="platform-button platform-xero" href={SIGNUP}>
          <PlatformMark platform="xero" />
          <span>Sign up with Xero</span>
        </a>
        <h2>Already using it?</h2>
        <a className="platform-button platform-xero" href={SIGNUP}>
          <PlatformMark platform="xero" />
          <span>Sign in with Xero</span>
        </a>
        <p className="muted small">
          Xero asks you to sign in and to allow access for the organisation; you come back here signed in.
        </p>
      </section>
    </>
  );
}
