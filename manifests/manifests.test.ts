// The marketplace listings say exactly what the code does: scopes, redirect/connect/webhook paths, plans.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PLANS } from '../addon/billing/plans.ts';
import { myobPlatform } from '../addon/connectors/myob/manifest.ts';
import { xeroPlatform } from '../addon/connectors/xero/manifest.ts';
import { checkListing, checkListings, LISTING_FILES, loadListings } from './check.ts';
import { Listing, type MyobListing, pathOf, renderListing, type XeroListing } from './schema.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('..', import.meta.url));
const onDisk = loadListings(here);
const xero = Listing.parse(onDisk['xero-app-store']) as XeroListing;
const myob = Listing.parse(onDisk['myob-app-marketplace']) as MyobListing;
const copy = <T>(v: T): T => structuredClone(v);

describe('listings match the code', () => {
  it('validate cleanly', () => {
    expect(checkListings(onDisk)).toEqual([]);
  });

  it('carry exactly the scopes, paths and plans the code uses', () => {
    expect([...xero.scopes].sort()).toEqual([...xeroPlatform.scopes].sort());
    expect(xero.redirectUris.map(pathOf)).toEqual([xeroPlatform.routes.callback]);
    expect(pathOf(xero.connectRequestUrl)).toBe(xeroPlatform.routes.signup);
    expect(pathOf(xero.webhookUrl)).toBe(xeroPlatform.routes.webhook);
    expect([...myob.scopes].sort()).toEqual([...myobPlatform.scopes].sort());
    expect(myob.redirectUris.map(pathOf)).toEqual([myobPlatform.routes.callback]);
    const plan = PLANS['link-monthly'];
    for (const listing of [xero, myob]) {
      expect(listing.pricing.trialDays).toBe(plan.trialDays);
      expect(listing.pricing.plans).toContainEqual({
        id: plan.id,
        interval: 'month',
        currency: 'AUD',
        perConnectedApiFile: '25.00',
        perFileExportInterface: '10.00',
      });
      expect(listing.regions).toEqual(['AU', 'NZ']);
      expect(listing.appName).not.toMatch(/xero/i);
    }
  });

  it('render to full URLs on the deployment host', () => {
    const rendered = renderListing(xero, 'https://link.abtrac.com/');
    expect(rendered.redirectUris).toEqual(['https://link.abtrac.com/api/oauth/xero/callback']);
    expect(rendered.connectRequestUrl).toBe('https://link.abtrac.com/api/oauth/xero/signup');
    expect(rendered.webhookUrl).toBe('https://link.abtrac.com/api/webhooks/xero');
  });
});

describe('listings that drift are refused', () => {
  it('names a scope the code requests but a listing lacks', () => {
    const broken = copy(xero);
    broken.scopes = broken.scopes.filter((s) => s !== 'accounting.invoices');
    expect(checkListing('xero-app-store', broken)).toEqual([
      'Xero App Store listing (manifests/xero-app-store.json): scope "accounting.invoices" is requested by the code but missing from the listing',
    ]);
    const brokenMyob = copy(myob);
    brokenMyob.scopes = brokenMyob.scopes.filter((s) => s !== 'sme-sales');
    expect(checkListing('myob-app-marketplace', brokenMyob)[0]).toMatch(
      /scope "sme-sales" is requested by the code but missing/,
    );
  });

  it('flags extra scopes, wrong paths, wrong prices and a name with "Xero"', () => {
    const table: Array<[string, (l: XeroListing) => void, RegExp]> = [
      [
        'extra scope',
        (l) => l.scopes.push('accounting.transactions'),
        /"accounting.transactions" is in the listing but the code never requests it/,
      ],
      ['redirect', (l) => (l.redirectUris = ['{PUBLIC_URL}/oauth/callback']), /redirectUris paths/],
      ['webhook', (l) => (l.webhookUrl = '{PUBLIC_URL}/api/webhooks/xero2'), /webhookUrl path/],
      ['signup', (l) => (l.connectRequestUrl = '{PUBLIC_URL}/signup'), /connectRequestUrl path/],
      ['price', (l) => (l.pricing.plans[0]!.perConnectedApiFile = '20.00'), /pricing.plans differ/],
      ['trial', (l) => (l.pricing.trialDays = 14), /trialDays is 14/],
      ['name', (l) => (l.appName = 'Abtrac for Xero'), /appName must not contain "Xero"/],
      [
        'host',
        (l) => (l.webhookUrl = 'https://evil.example/api/webhooks/xero'),
        /webhookUrl must start with \{PUBLIC_URL\}/,
      ],
    ];
    for (const [name, mutate, problem] of table) {
      const broken = copy(xero);
      mutate(broken);
      expect(checkListing('xero-app-store', broken).join('\n'), name).toMatch(problem);
    }
  });

  it('npm run validate:manifests passes, and exits 1 naming the scope when a listing lacks one', async () => {
    const run = promisify(execFile);
    const tsx = join(root, 'node_modules', '.bin', 'tsx');
    const ok = await run(tsx, ['manifests/validate.ts'], { cwd: root });
    expect(ok.stdout).toContain('Marketplace listings match the code');

    const folder = mkdtempSync(join(tmpdir(), 'aal-listings-'));
    try {
      const broken = copy(myob);
      broken.scopes = broken.scopes.filter((s) => s !== 'sme-contacts-customer');
      writeFileSync(join(folder, LISTING_FILES['myob-app-marketplace']), JSON.stringify(broken));
      writeFileSync(join(folder, LISTING_FILES['xero-app-store']), JSON.stringify(xero));
      const failed = await run(tsx, ['manifests/validate.ts', folder], { cwd: root }).then(
        () => undefined,
        (e: { code: number; stderr: string }) => e,
      );
      expect(failed?.code).toBe(1);
      expect(failed?.stderr).toContain(
        'scope "sme-contacts-customer" is requested by the code but missing from the listing',
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
