// What every part of the MYOB sandbox shares: state, platform time and the public URLs it writes into links.
import type { SandboxClock } from '../common/clock.ts';
import type { MyobState } from './state.ts';

export interface AppRegistration {
  /** The API key, also the OAuth client_id and the x-myobapi-key header (myob.md §1.2, §2). */
  apiKey: string;
  apiSecret: string;
  /** Matched exactly, trailing slash included (myob.md §1.2). */
  redirectUris: string[];
  /** Shown on the consent page. */
  name?: string;
  /** Registered before 12 March 2025: may still use the legacy CompanyFile scope (myob.md §1.5). */
  legacyKey?: boolean;
}

export interface PublicBaseUrls {
  secure: string;
  api: string;
  admin: string;
}

/** How negative Service invoices (credit notes, myob.md §3.7) are treated; the sources conflict. */
export type NegativeInvoicePolicy = 'accept' | 'reject';

export interface MyobContext {
  state: MyobState;
  clock: SandboxClock;
  urls: PublicBaseUrls;
  apps: AppRegistration[];
  /** false: show the consent page; true: approve the first file where the user is an Administrator; a
   *  businessId: approve that file (which may be refused if the user is not its Administrator). */
  autoApprove: boolean | string;
  negativeInvoices: NegativeInvoicePolicy;
  /** How long a used (rotated) refresh token stays valid; 0 = dies at once. See MyobSandboxOptions. */
  refreshGraceMs: number;
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const DAY = 24 * 60 * MINUTE;

/** The company file's public base: {cf_uri} (myob.md §1.6). */
export function fileBase(ctx: MyobContext, businessId: string): string {
  return `${ctx.urls.api}/accountright/${businessId}`;
}
