// The app's screens, in one list: the left navigation and the routes are both built from it, so a new
// screen is one entry here. Sections with no screens yet are not shown.
import type { ReactNode } from 'react';
import { AuditLogPage } from './pages/audit/AuditLogPage.tsx';
import { BatchesPage } from './pages/batches/BatchesPage.tsx';
import { BatchPage } from './pages/batches/BatchPage.tsx';
import { BillingPage } from './pages/billing/BillingPage.tsx';
import { ExportsPage } from './pages/exports/ExportsPage.tsx';
import { ChooseOrganisationPage } from './pages/interfaces/ChooseOrganisationPage.tsx';
import { InterfaceDetailPage } from './pages/interfaces/InterfaceDetailPage.tsx';
import { InterfacesPage } from './pages/interfaces/InterfacesPage.tsx';
import { InvoiceSettingsPage } from './pages/invoice-settings/InvoiceSettingsPage.tsx';
import { InvoiceDetailPage } from './pages/invoices/InvoiceDetailPage.tsx';
import { InvoicesPage } from './pages/invoices/InvoicesPage.tsx';
import { MappingsPage } from './pages/mappings/MappingsPage.tsx';
import { OfficesPage } from './pages/offices/OfficesPage.tsx';
import { SignInPage } from './pages/signin/SignInPage.tsx';

export interface Screen {
  path: string;
  label: string;
  element: ReactNode;
}

export interface NavSection {
  id: string;
  label: string;
  screens: Screen[];
}

export const navigation: NavSection[] = [
  {
    id: 'practice',
    label: 'Practice',
    screens: [
      { path: '/invoices', label: 'Invoices', element: <InvoicesPage /> },
      { path: '/offices', label: 'Offices', element: <OfficesPage /> },
      { path: '/invoice-settings', label: 'Invoice settings', element: <InvoiceSettingsPage /> },
    ],
  },
  {
    id: 'accounting',
    label: 'Accounting',
    screens: [
      { path: '/accounting/interfaces', label: 'Interface settings', element: <InterfacesPage /> },
      { path: '/accounting/mappings', label: 'Mappings', element: <MappingsPage /> },
      { path: '/accounting/batches', label: 'Batches', element: <BatchesPage /> },
      { path: '/accounting/exports', label: 'Exports', element: <ExportsPage /> },
      { path: '/accounting/audit-log', label: 'Audit log', element: <AuditLogPage /> },
    ],
  },
  {
    id: 'subscription',
    label: 'Subscription',
    screens: [{ path: '/billing', label: 'Billing', element: <BillingPage /> }],
  },
];

/** Pages reached from another page rather than from the navigation. */
export const detailRoutes: Screen[] = [
  { path: '/invoices/:id', label: 'Invoice', element: <InvoiceDetailPage /> },
  { path: '/signin', label: 'Sign in', element: <SignInPage /> },
  { path: '/accounting/interfaces/:id', label: 'Accounts interface', element: <InterfaceDetailPage /> },
  {
    path: '/accounting/interfaces/:id/choose-organisation',
    label: 'Choose the organisation',
    element: <ChooseOrganisationPage />,
  },
  { path: '/accounting/batches/:id', label: 'Batch', element: <BatchPage /> },
];

export const homePath = '/invoices';
