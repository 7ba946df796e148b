// Columns both QuickBooks Online invoice imports share (US and AU/UK/CA), and the settings for item names.
// Header strings are QuickBooks' own auto-mapped names, as found in public exporters (import-formats.md §1.4);
// "tidying" Item(Product/Service) would break auto-mapping.
import { decimal, lineAmount, money } from '../helpers.ts';
import type { Column, LineRow, RenderContext, SettingSpec } from '../types.ts';

/** QBO's import has no account column: each line's income account comes from its Product/Service item. */
export const itemSettings: Readonly<Record<string, SettingSpec>> = {
  itemFee: { label: 'Product/Service for fees' },
  itemDisbursement: { label: 'Product/Service for disbursements' },
  itemVariation: { label: 'Product/Service for variations' },
  itemExpense: { label: 'Product/Service for expenses' },
};

const CATEGORY_SETTING = {
  fee: 'itemFee',
  disbursement: 'itemDisbursement',
  variation: 'itemVariation',
  expense: 'itemExpense',
} as const;

export const itemFor = (r: LineRow, ctx: RenderContext): string =>
  ctx.settings[CATEGORY_SETTING[r.line.category]] ?? '';

// "Customer:Job or Item:Sub-Item" uses a colon (§1.2), so a colon inside a name would create a sub-customer.
const NO_COLON = /^[^:]*$/;
const NO_COLON_HINT = 'QuickBooks reads ":" as "sub-customer of", so remove the colon from the name';

/** *InvoiceNo through *ItemAmount: the first twelve columns of every QBO header in §1.4. */
export const qboLeadingColumns: readonly Column<LineRow>[] = [
  // DocNumber is "Str 21" (Zed Axis, §1.3).
  {
    header: '*InvoiceNo',
    kind: 'text',
    label: 'invoice number',
    source: 'number',
    required: true,
    max: 21,
    value: (r) => r.inv.number,
  },
  // Must "exactly match an existing customer record" (parsli, §1.2).
  {
    header: '*Customer',
    kind: 'text',
    label: 'customer name',
    source: 'contact.name',
    required: true,
    max: 100,
    pattern: NO_COLON,
    patternHint: NO_COLON_HINT,
    value: (r) => r.inv.contact.name,
  },
  { header: '*InvoiceDate', kind: 'date', source: 'date', value: (r, c) => c.date(r.inv.date) },
  { header: '*DueDate', kind: 'date', source: 'dueDate', value: (r, c) => c.date(r.inv.dueDate) },
  { header: 'Terms', kind: 'text' },
  { header: 'Location', kind: 'text' },
  // Customer memo is limited to 1000 characters (§1.3).
  {
    header: 'Memo',
    kind: 'text',
    label: 'reference',
    source: 'reference',
    max: 1000,
    overflow: 'truncate',
    value: (r) => r.inv.reference,
  },
  { header: 'Item(Product/Service)', kind: 'code', label: 'Product/Service', value: itemFor },
  // Line description 4000 (§1.3).
  {
    header: 'ItemDescription',
    kind: 'text',
    label: 'description',
    source: 'line.description',
    max: 4000,
    overflow: 'truncate',
    value: (r) => r.line.description,
  },
  { header: 'ItemQuantity', kind: 'number', value: (r) => decimal(r.line.quantity) },
  { header: 'ItemRate', kind: 'amount', value: (r) => decimal(r.line.unitPrice) },
  // Credits go to the separate credit-note importer with positive amounts (§1.1), so no sign flip here.
  { header: '*ItemAmount', kind: 'amount', value: (r) => money(lineAmount(r.inv, r.line)) },
];

export const qboCreditNote = {
  how: 'a separate file for the "Import credit notes" tool, positive amounts',
  warning:
    'QuickBooks Online imports credit notes with its separate "Import credit notes" tool (Gear > Import Data), so this credit note is in its own file with "credit-notes" in the name.',
};
