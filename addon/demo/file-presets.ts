// Example export settings and mappings for each import-file package, so the demo practice can write a file every
// package accepts as soon as an import-file interface is created (README, "Try it"). The codes are the kind each
// package's sample company uses; a real practice types its own or uploads its package's code list.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { accountsInterfaces, taxClasses } from '../../db/schema.ts';
import type { InterfaceOptionsInput } from '../contract/link.ts';
import type { Auth } from '../http/auth.ts';
import { saveMappings } from '../link/mappings.ts';

interface FilePreset {
  options: InterfaceOptionsInput;
  /** Income account (or item-bearing account) and tax codes in the package's own words. */
  account: string;
  gst: string;
  gstFree: string;
}

const QBO_ITEMS = {
  itemFee: 'Design Fees',
  itemDisbursement: 'Disbursements',
  itemVariation: 'Variations',
  itemExpense: 'Expenses',
};

export const DEMO_FILE_PRESETS: Readonly<Record<string, FilePreset>> = {
  'xero-csv': {
    options: { baseCurrency: 'AUD' },
    account: '200',
    gst: 'GST on Income',
    gstFree: 'GST Free Income',
  },
  'quickbooks-online-csv': {
    options: { baseCurrency: 'AUD', fileSettings: QBO_ITEMS, itemsByAccount: { '4000': 'Design Fees' } },
    account: '4000',
    gst: 'GST',
    gstFree: 'GST free',
  },
  // A US company's sales tax item; the demo's AUD invoices stand in for its home currency.
  'quickbooks-online-us-csv': {
    options: { baseCurrency: 'AUD', fileSettings: QBO_ITEMS, itemsByAccount: { '4000': 'Design Fees' } },
    account: '4000',
    gst: 'Sales Tax 10%',
    gstFree: 'Out of State',
  },
  'quickbooks-desktop-iif': {
    options: { baseCurrency: 'AUD', fileSettings: { taxAgency: 'State Board of Equalization' } },
    account: 'Consulting Income',
    gst: 'Sales Tax 10%',
    gstFree: 'Out of State',
  },
  'reckon-accounts-iif': {
    options: { baseCurrency: 'AUD' },
    account: 'Professional Fees',
    gst: 'GST',
    gstFree: 'FRE',
  },
  'sage-accounting-csv': {
    options: { baseCurrency: 'AUD' },
    account: '4000',
    gst: 'Standard',
    gstFree: 'Zero Rated',
  },
  'sage-50-csv': { options: { baseCurrency: 'AUD' }, account: '4000', gst: 'T1', gstFree: 'T0' },
  'myob-accountright-classic-txt': {
    options: { baseCurrency: 'AUD', fileSettings: { longNumbers: 'drop-prefix' } },
    account: '4-1100',
    gst: 'GST',
    gstFree: 'FRE',
  },
  'moneyworks-txt': { options: { baseCurrency: 'AUD' }, account: '4000', gst: 'G', gstFree: 'Z' },
  'oracle-fusion-autoinvoice-csv': {
    options: {
      baseCurrency: 'AUD',
      fileSettings: { businessUnit: 'AU Business Unit', batchSource: 'Abtrac', lineContext: 'ABTRAC' },
    },
    account: '01-000-4000-0000',
    gst: 'AU GST 10%',
    gstFree: 'AU GST FREE',
  },
};

/** Gives a new import-file interface of the demo practice its package's example settings and mappings. */
export async function applyDemoFilePreset(db: Db, auth: Auth, interfaceId: string, provider: string) {
  const preset = DEMO_FILE_PRESETS[provider];
  if (!preset) return;
  await db
    .update(accountsInterfaces)
    .set({ options: preset.options, updatedAt: new Date() })
    .where(and(eq(accountsInterfaces.practiceId, auth.practiceId), eq(accountsInterfaces.id, interfaceId)));
  const classes = await db.select().from(taxClasses).where(eq(taxClasses.practiceId, auth.practiceId));
  const free = classes.filter((c) => Number(c.ratePercent) === 0);
  await saveMappings(db, auth, interfaceId, [
    {
      scope: 'default',
      scopeKey: '',
      accountCode: preset.account,
      taxCode: preset.gst,
      trackingOption: null,
    },
    ...free.map((c) => ({
      scope: 'tax_class' as const,
      scopeKey: c.id,
      accountCode: null,
      taxCode: preset.gstFree,
      trackingOption: null,
    })),
  ]);
}
