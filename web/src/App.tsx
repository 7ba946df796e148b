import { Navigate, NavLink, Route, Routes } from 'react-router';
import { api } from './api.ts';
import { Loading } from './components/Notices.tsx';
import { PageHeader } from './components/PageHeader.tsx';
import { detailRoutes, homePath, navigation, type Screen } from './navigation.tsx';
import { JoinPage } from './pages/team/JoinPage.tsx';
import { SignInPage } from './pages/team/SignInPage.tsx';
import { SessionProvider, useSession } from './session.tsx';
import { useResource } from './useResource.ts';

export function App() {
  return (
    <Routes>
      {/* Pages for people not signed in yet: no navigation, no session needed. */}
      <Route path="/sign-in" element={<PublicPage page={<SignInPage />} />} />
      <Route path="/join" element={<PublicPage page={<JoinPage />} />} />
      <Route
        path="*"
        element={
          <SessionProvider>
            <Shell />
          </SessionProvider>
        }
      />
    </Routes>
  );
}

function Brand() {
  return (
    <div className="brand">
      <span className="brand-mark" aria-hidden="true">
        A
      </span>
      <span>
        Abtrac <strong>Accounts Link</strong>
      </span>
    </div>
  );
}

function PublicPage({ page }: { page: React.ReactNode }) {
  return (
    <div className="public-shell">
      <Brand />
      <main id="main" className="main">
        {page}
      </main>
    </div>
  );
}

function Shell() {
  const { me, error, can } = useSession();
  if (error?.status === 401) return <Navigate to="/sign-in" replace />;
  if (!me) {
    return (
      <main id="main" className="main">
        {error ? <p role="alert">{error.message}</p> : <Loading what="your practice" />}
      </main>
    );
  }
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <aside className="sidebar">
        <Brand />
        <nav aria-label="Main">
          {navigation
            .map((section) => ({ ...section, screens: section.screens.filter((s) => can(s.role)) }))
            .filter((section) => section.screens.length > 0)
            .map((section) => (
              <div className="nav-section" key={section.id}>
                <h2 className="nav-heading" id={`nav-${section.id}`}>
                  {section.label}
                </h2>
                <ul aria-labelledby={`nav-${section.id}`}>
                  {section.screens.map((screen) => (
                    <li key={screen.path}>
                      <NavLink to={screen.path}>{screen.label}</NavLink>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
        </nav>
        <SignedIn />
      </aside>
      <main id="main" className="main">
        <SandboxBanner />
        <Routes>
          <Route path="/" element={<Navigate to={homePath} replace />} />
          {[...navigation.flatMap((s) => s.screens), ...detailRoutes].map((screen) => (
            <Route key={screen.path} path={screen.path} element={<Guarded screen={screen} />} />
          ))}
          <Route path="*" element={<NotFound />} />
        </Routes>
      </main>
    </div>
  );
}

/** Who is signed in, their role, and Sign out. */
function SignedIn() {
  const { me } = useSession();
  if (!me) return null;
  const signOut = async () => {
    await api.auth.signOut().catch(() => undefined);
    window.location.assign('/sign-in');
  };
  return (
    <section className="signed-in" aria-label="Signed in">
      <p>
        <strong>{me.user?.name ?? me.actor}</strong>
        <br />
        <span className="signed-in-role">
          {me.practice.name} · {me.role}
        </span>
      </p>
      {me.via === 'session' ? (
        <button type="button" className="button" onClick={signOut}>
          Sign out
        </button>
      ) : null}
      {me.via === 'demo' ? (
        <p className="signed-in-demo">
          Demo: no sign-in needed. <a href="/sign-in">Sign in as someone else</a>
        </p>
      ) : null}
    </section>
  );
}

/** A screen the signed-in role may not open says so instead of showing refusals from the API. */
function Guarded({ screen }: { screen: Screen }) {
  const { can } = useSession();
  if (can(screen.role)) return <>{screen.element}</>;
  const needed = screen.role === 'administrator' ? 'an administrator' : `a ${screen.role}`;
  return (
    <PageHeader
      title={`${screen.label} needs ${needed}`}
      description="Your role cannot open this page. Ask an administrator of your practice if you need it."
    />
  );
}

function NotFound() {
  return (
    <PageHeader
      title="Page not found"
      description="This address does not match a page. Choose a page from the navigation on the left."
    />
  );
}

/** Staging (SANDBOX=true) says so on every page: the simulated Xero and MYOB sign anyone in. */
function SandboxBanner() {
  const { data } = useResource('health', api.health);
  if (data?.mode !== 'sandbox') return null;
  return (
    <div className="notice notice-warn" role="status" data-testid="sandbox-banner">
      <strong>Staging server.</strong> Xero and MYOB are simulated here and anyone can sign in through them.
      Do not enter real data.
    </div>
  );
}
