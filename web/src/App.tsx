import { Navigate, NavLink, Route, Routes } from 'react-router';
import { PageHeader } from './components/PageHeader.tsx';
import { detailRoutes, homePath, navigation } from './navigation.tsx';

export function App() {
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            A
          </span>
          <span>
            Abtrac <strong>Accounts Link</strong>
          </span>
        </div>
        <nav aria-label="Main">
          {navigation
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
        <p className="sidebar-footer">
          <NavLink to="/signin">Sign in or sign up with Xero</NavLink>
        </p>
      </aside>
      <main id="main" className="main">
        <Routes>
          <Route path="/" element={<Navigate to={homePath} replace />} />
          {[...navigation.flatMap((s) => s.screens), ...detailRoutes].map((screen) => (
            <Route key={screen.path} path={screen.path} element={screen.element} />
          ))}
          <Route path="*" element={<NotFound />} />
        </Routes>
      </main>
    </div>
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
