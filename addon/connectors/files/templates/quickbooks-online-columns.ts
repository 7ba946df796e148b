// Columns both QuickBooks Online invoice imports share (US and AU/UK/CA), and the settings for item names.
// Headers are the names QuickBooks maps by itself, as Intuit lists them ("Invoice number, Customer, Invoice date,
// Due date, ... Item (Product/Service), Item Description, Item Quantity, Item Rate, Item Amount, Memo"), and the
// credit-note importer's own number and date columns (docs/platforms/quickbooks-online.md).
import { decimal, lineAmount, money } from '../helpers.ts';
import type { Column, LineRow, RenderContext, SettingSpec } from '../types.ts';

const ITEM_HELP =
  'Used only for lines whose income account has no Product/Service of its own under "Products/Services per income account". QuickBooks takes the income account from the item.';

/**
 * QBO's import has no account column: each line's income account comes from its Product/Service item, and a blank
 * item becomes QuickBooks' generic "Sales" item (Intuit, "How to import credit notes"). So the item is chosen per
 * mapped income account (ExportOptions.itemsByAccount), with one per line category as the fallback.
 */
export const itemSettings: Readonly<Record<string, SettingSpec>> = {
  itemFee: { label: 'Product/Service for fees', help: ITEM_HELP },
  itemDisbursement: { label: 'Product/Service for disbursements', help: ITEM_HELP },
  itemVariation: { label: 'Product/Service for variations', help: ITEM_HELP },
  itemExpense: { label: 'Product/Service for expenses', help: ITEM_HELP },
};

const CATEGORY_SETTING = {
  fee: 'itemFee',
  disbursement: 'itemDisbursement',
  variation: 'itemVariation',
  expense: 'itemExpense',
} as const;

export const itemFor = (r: LineRow, ctx: RenderContext): string =>
  ctx.itemsByAccount[r.line.accountCode] || (ctx.settings[CATEGORY_SETTING[r.line.category]] ?? '');

// "Customer:Job or Item:Sub-Item" uses a colon (§1.2), so a colon inside a name would create a sub-customer.
const NO_COLON = /^[^:]*$/;
const NO_COLON_HINT = 'QuickBooks reads ":" as "sub-customer of", so remove the colon from the name';

/** Invoice number through Item Amount: the columns both QBO invoice headers start with. */
export const qboLeadingColumns: readonly Column<LineRow>[] = [
  // DocNumber is "Str 21" (Zed Axis, docs/platforms/quickbooks-online.md).
  {
    header: 'Invoice number',
    kind: 'text',
    label: 'invoice number',
    source: 'number',
    required: true,
    max: 21,
    value: (r) => r.inv.number,
  },
  // Must "exactly match an existing customer record" (parsli, §1.2).
  {
    header: 'Customer',
    kind: 'text',
    label: 'customer name',
    source: 'contact.name',
    required: true,
    max: 100,
    pattern: NO_COLON,
    patternHint: NO_COLON_HINT,
    value: (r) => r.inv.contact.name,
  },
  { header: 'Invoice date', kind: 'date', source: 'date', value: (r, c) => c.date(r.inv.date) },
  { header: 'Due date', kind: 'date', source: 'dueDate', value: (r, c) => c.date(r.inv.dueDate) },
  { header: 'Terms', kind: 'text' },
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
  // A blank item would post the line to QuickBooks' generic "Sales" item and lose the mapped income account.
  {
    header: 'Item (Product/Service)',
    kind: 'code',
    label: 'Product/Service',
    source: 'line.accountCode',
    required: true,
    max: 100,
    value: itemFor,
  },
  // Line description 4000 (§1.3).
  {
    header: 'Item Description',
    kind: 'text',
    label: 'description',
    source: 'line.description',
    max: 4000,
    overflow: 'truncate',
    value: (r) => r.line.description,
  },
  { header: 'Item Quantity', kind: 'number', value: (r) => decimal(r.line.quantity) },
  { header: 'Item Rate', kind: 'amount', value: (r) => decimal(r.line.unitPrice) },
  // Credits go to the separate credit-note importer with positive amounts (§1.1), so no sign flip here.
  { header: 'Item Amount', kind: 'amount', value: (r) => money(lineAmount(r.inv, r.line)) },
];

/** The credit-note importer names its number and date columns for credit notes (docs/platforms/quickbooks-online.md). */
export const qboCreditHeaders: Readonly<Record<string, string>> = {
  'Invoice number': '*CreditNoteNo',
  'Invoice date': '*CreditNoteDate',
};

export const qboCreditNote = {
  how: 'a separate file for the "Import credit notes" tool, positive amounts',
  warning:
    'QuickBooks Online imports credit notes with its separate "Import credit notes" tool (Gear > Import Data), so this credit note is in its own file with "credit-notes" in the name.',
};
