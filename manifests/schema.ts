// One zod schema for both marketplace listings (Xero App Store, MYOB App Marketplace).
//
// URLs that point at the add-on itself are written on a placeholder host, `{PUBLIC_URL}`, followed by the
// route path the code serves (e.g. `{PUBLIC_URL}/api/oauth/xero/callback`). The check compares those paths
// with the code's routes; `renderListing(listing, config.publicUrl)` gives the exact URLs to paste into the
// developer portals for a deployment. Support and privacy pages live on Abtrac's own site (https).
import { z } from 'zod';

export const PUBLIC_URL = '{PUBLIC_URL}';

/** A URL on the add-on's own public host: the placeholder plus a route path. */
const OwnUrl = z
  .string()
  .refine((v) => v.startsWith(`${PUBLIC_URL}/`), `must start with ${PUBLIC_URL}/ followed by the route path`);
const HttpsUrl = z.url({ protocol: /^https$/, error: 'must be an https URL' });
const Price = z.string().regex(/^\d+\.\d{2}$/, 'must be an amount like 25.00');

const Pricing = z.object({
  summary: z.string().min(20).max(300),
  trialDays: z.number().int().positive(),
  plans: z
    .array(
      z.object({
        id: z.string(),
        interval: z.literal('month'),
        currency: z.enum(['AUD', 'NZD']),
        perConnectedApiFile: Price,
        perFileExportInterface: Price,
      }),
    )
    .min(1),
});

const common = {
  // Xero certification: the app name "cannot include Xero" (../shared/reference/xero.md §6.3).
  appName: z
    .string()
    .min(3)
    .max(50)
    .refine((v) => !/xero/i.test(v), 'must not contain "Xero" (Xero branding rules)')
    .refine((v) => !/myob/i.test(v), 'must not contain "MYOB" (MYOB brand guidelines)'),
  summary: z.string().min(20).max(150),
  description: z.string().min(100).max(4000),
  categories: z.array(z.string().min(2)).min(1).max(3),
  regions: z.array(z.enum(['AU', 'NZ'])).min(1),
  scopes: z.array(z.string().min(1)).min(1),
  redirectUris: z.array(OwnUrl).min(1),
  pricing: Pricing,
  supportUrl: HttpsUrl,
  supportEmail: z.email(),
  privacyUrl: HttpsUrl,
  termsUrl: HttpsUrl,
};

export const XeroListing = z.object({
  platform: z.literal('xero-app-store'),
  ...common,
  /** Sign up with Xero: the App Store's "connect request URL" (xero.md §1.8). */
  connectRequestUrl: OwnUrl,
  webhookUrl: OwnUrl,
});

export const MyobListing = z.object({
  platform: z.literal('myob-app-marketplace'),
  ...common,
});

export const Listing = z.discriminatedUnion('platform', [XeroListing, MyobListing]);
export type Listing = z.infer<typeof Listing>;
export type XeroListing = z.infer<typeof XeroListing>;
export type MyobListing = z.infer<typeof MyobListing>;

/** The path part of an own URL ("{PUBLIC_URL}/api/x" -> "/api/x"). */
export const pathOf = (ownUrl: string) => ownUrl.slice(PUBLIC_URL.length);

/** The listing with every own URL on `publicUrl` (e.g. config.publicUrl), ready for a developer portal. */
export function renderListing<T extends Listing>(listing: T, publicUrl: string): T {
  const base = publicUrl.replace(/\/$/, '');
  return JSON.parse(JSON.stringify(listing).replaceAll(PUBLIC_URL, base)) as T;
}
