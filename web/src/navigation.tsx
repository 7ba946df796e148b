// The app's screens, in one list: the left navigation and the routes are both built from it, so a new
// screen is one entry here. Sections with no screens yet are not shown.
import type { ReactNode } from 'react';
import { InterfacesPage } from './pages/interfaces/InterfacesPage.tsx';
import { InvoiceSettingsPage } from './pages/invoice-settings/InvoiceSettingsPage.tsx';
import { InvoiceDetailPage } from './pages/invoices/InvoiceDetailPage.tsx';
import { InvoicesPage } from './pages/invoices/InvoicesPage.tsx';
import { OfficesPage } from './pages/offices/OfficesPage.tsx';

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
      // Mappings (/accounting/mappings), Batches (/accounting/batches) and Exports (/accounting/exports)
      // join this section when their screens exist.
    ],
  },
  {
    id: 'subscription',
    label: 'Subscription',
    // Billing (/billing) joins here when its screen exists.
    screens: [],
  },
];

/** Pages reached from another page rather than from the navigation. */
export const detailRoutes: Screen[] = [
  { path: '/invoices/:id', label: 'Invoice', element: <InvoiceDetailPage /> },
];

export const homePath = '/invoices';
