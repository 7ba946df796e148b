// The routes put under load, in one list. The first is the baseline every other route is compared with.

/** What the server child hands back once the app is listening over a seeded database. */
export interface Seeded {
  url: string;
  apiKey: string;
  invoiceId: string;
  interfaceId: string;
}

export interface RouteSpec {
  /** Key prefix in the figures: listP99Ms, detailRps... */
  name: string;
  path(seeded: Seeded): string;
  /** Sends the practice's API key (Bearer). */
  auth: boolean;
}

/** /api/health runs `select 1`: the cost of Express, the pool and one round trip, and nothing else. */
export const baseline: RouteSpec = { name: 'health', path: () => '/api/health', auth: false };

export const routes: RouteSpec[] = [
  { name: 'list', path: () => '/api/invoices?limit=50', auth: true },
  { name: 'detail', path: (s) => `/api/invoices/${s.invoiceId}`, auth: true },
  // The mapping dropdowns' data: 5,000 accounts, tax rates and tracking options (server.ts seeds them).
  { name: 'mapping', path: (s) => `/api/interfaces/${s.interfaceId}/reference`, auth: true },
];
