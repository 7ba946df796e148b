// The app's screens, in one list: the left navigation and the routes are both built from it, so a new
// screen is one entry here. Sections with no screens yet are not shown.
import type { ReactNode } from 'react';
import type { Role } from './api.ts';
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
import { TaxClassesPage } from './pages/tax-classes/TaxClassesPage.tsx';
import { TeamPage } from './pages/team/TeamPage.tsx';

export interface Screen {
  path: string;
  label: string;
  element: ReactNode;
  /** The weakest role that may open it (as the API's routes behind it); shown only to those roles. */
  role: Role;
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
      { path: '/invoices', label: 'Invoices', element: <InvoicesPage />, role: 'viewer' },
      { path: '/offices', label: 'Offices', element: <OfficesPage />, role: 'viewer' },
      {
        path: '/invoice-settings',
        label: 'Invoice settings',
        element: <InvoiceSettingsPage />,
        role: 'viewer',
      },
      { path: '/tax-classes', label: 'Tax classes', element: <TaxClassesPage />, role: 'viewer' },
    ],
  },
  {
    id: 'accounting',
    label: 'Accounting',
    screens: [
      {
        path: '/accounting/interfaces',
        label: 'Interface settings',
        element: <InterfacesPage />,
        role: 'administrator',
      },
      { path: '/accounting/mappings', label: 'Mappings', element: <MappingsPage />, role: 'administrator' },
      { path: '/accounting/batches', label: 'Batches', element: <BatchesPage />, role: 'viewer' },
      { path: '/accounting/exports', label: 'Exports', element: <ExportsPage />, role: 'viewer' },
      { path: '/accounting/audit-log', label: 'Audit log', element: <AuditLogPage />, role: 'administrator' },
    ],
  },
  {
    id: 'administration',
    label: 'Administration',
    screens: [
      { path: '/billing', label: 'Billing', element: <BillingPage />, role: 'administrator' },
      { path: '/users', label: 'Users & keys', element: <TeamPage />, role: 'administrator' },
    ],
  },
];

/** Pages reached from another page rather than from the navigation. */
export const detailRoutes: Screen[] = [
  { path: '/invoices/:id', label: 'Invoice', element: <InvoiceDetailPage />, role: 'viewer' },
  {
    path: '/accounting/interfaces/:id',
    label: 'Accounts interface',
    element: <InterfaceDetailPage />,
    role: 'administrator',
  },
  {
    path: '/accounting/interfaces/:id/choose-organisation',
    label: 'Choose the organisation',
    element: <ChooseOrganisationPage />,
    role: 'administrator',
  },
  { path: '/accounting/batches/:id', label: 'Batch', element: <BatchPage />, role: 'viewer' },
];

export const homePath = '/invoices';
