// Compares the listings with the code: scopes, redirect / connect-request / webhook paths and plans must be
// exactly what addon/ uses, so a listing can never drift from the app it describes.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PLANS } from '../addon/billing/plans.ts';
import { myobPlatform } from '../addon/connectors/myob/manifest.ts';
import { xeroPlatform } from '../addon/connectors/xero/manifest.ts';
import { formatCents } from '../addon/domain/money.ts';
import { Listing, pathOf } from './schema.ts';

export const LISTING_FILES = {
  'xero-app-store': 'xero-app-store.json',
  'myob-app-marketplace': 'myob-app-marketplace.json',
} as const;
export type Platform = keyof typeof LISTING_FILES;

const LABEL: Record<Platform, string> = {
  'xero-app-store': 'Xero App Store listing',
  'myob-app-marketplace': 'MYOB App Marketplace listing',
};

/** What the code says each listing must hold. */
export function expectedFromCode(platform: Platform) {
  const plans = Object.values(PLANS).flatMap((plan) =>
    (['AUD', 'NZD'] as const).map((currency) => ({
      id: plan.id,
      interval: plan.interval,
      currency,
      perConnectedApiFile: formatCents(plan.prices[currency].apiFileCents),
      perFileExportInterface: formatCents(plan.prices[currency].fileInterfaceCents),
    })),
  );
  const trialDays: number[] = [...new Set(Object.values(PLANS).map((p): number => p.trialDays))];
  if (platform === 'xero-app-store') {
    return {
      scopes: [...xeroPlatform.scopes] as string[],
      redirectPaths: [xeroPlatform.routes.callback] as string[],
      connectRequestPath: xeroPlatform.routes.signup as string,
      webhookPath: xeroPlatform.routes.webhook as string,
      plans,
      trialDays,
    };
  }
  return {
    scopes: [...myobPlatform.scopes] as string[],
    redirectPaths: [myobPlatform.routes.callback] as string[],
    plans,
    trialDays,
  };
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && new Set(a).size === a.length && a.every((x) => b.includes(x));

/** Problems with one listing (raw JSON), each a sentence naming the file and what to fix; [] when fine. */
export function checkListing(platform: Platform, raw: unknown): string[] {
  const label = `${LABEL[platform]} (manifests/${LISTING_FILES[platform]})`;
  const parsed = Listing.safeParse(raw);
  if (!parsed.success) {
    return parsed.error.issues.map((i) => `${label}: ${i.path.join('.') || '(root)'} ${i.message}`);
  }
  const listing = parsed.data;
  if (listing.platform !== platform)
    return [`${label}: platform is "${listing.platform}", expected "${platform}"`];
  const want = expectedFromCode(platform);
  const problems: string[] = [];
  for (const scope of want.scopes) {
    if (!listing.scopes.includes(scope)) {
      problems.push(`${label}: scope "${scope}" is requested by the code but missing from the listing`);
    }
  }
  for (const scope of listing.scopes) {
    if (!want.scopes.includes(scope)) {
      problems.push(
        `${label}: scope "${scope}" is in the listing but the code never requests it (ask for the minimum)`,
      );
    }
  }
  const redirects = listing.redirectUris.map(pathOf);
  if (!sameSet(redirects, want.redirectPaths)) {
    problems.push(
      `${label}: redirectUris paths are [${redirects.join(', ')}], the code serves [${want.redirectPaths.join(', ')}]`,
    );
  }
  if (listing.platform === 'xero-app-store' && 'webhookPath' in want) {
    if (pathOf(listing.connectRequestUrl) !== want.connectRequestPath) {
      problems.push(
        `${label}: connectRequestUrl path is ${pathOf(listing.connectRequestUrl)}, the code serves ${want.connectRequestPath}`,
      );
    }
    if (pathOf(listing.webhookUrl) !== want.webhookPath) {
      problems.push(
        `${label}: webhookUrl path is ${pathOf(listing.webhookUrl)}, the code serves ${want.webhookPath}`,
      );
    }
  }
  const key = (p: {
    id: string;
    interval: string;
    currency: string;
    perConnectedApiFile: string;
    perFileExportInterface: string;
  }) => JSON.stringify([p.id, p.interval, p.currency, p.perConnectedApiFile, p.perFileExportInterface]);
  const listed = listing.pricing.plans.map(key).sort();
  const coded = want.plans.map(key).sort();
  if (JSON.stringify(listed) !== JSON.stringify(coded)) {
    problems.push(`${label}: pricing.plans differ from addon/billing/plans.ts; expected ${coded.join(' ')}`);
  }
  if (!want.trialDays.includes(listing.pricing.trialDays)) {
    problems.push(
      `${label}: pricing.trialDays is ${listing.pricing.trialDays}, the plans give ${want.trialDays.join(', ')}`,
    );
  }
  for (const p of want.plans) {
    for (const amount of [p.perConnectedApiFile, p.perFileExportInterface]) {
      if (!listing.pricing.summary.includes(`${p.currency} ${amount}`)) {
        problems.push(`${label}: pricing.summary does not mention ${p.currency} ${amount}`);
      }
    }
  }
  return problems;
}

/** Checks every listing; `listings` maps platform -> raw JSON. */
export function checkListings(listings: Partial<Record<Platform, unknown>>): string[] {
  return (Object.keys(LISTING_FILES) as Platform[]).flatMap((platform) =>
    platform in listings
      ? checkListing(platform, listings[platform])
      : [`${LABEL[platform]}: file is missing`],
  );
}

/** Reads the listing files found in `folder`. */
export function loadListings(folder: string): Partial<Record<Platform, unknown>> {
  const listings: Partial<Record<Platform, unknown>> = {};
  for (const [platform, file] of Object.entries(LISTING_FILES) as Array<[Platform, string]>) {
    const path = join(folder, file);
    if (existsSync(path)) listings[platform] = JSON.parse(readFileSync(path, 'utf8'));
  }
  return listings;
}
