// The IIF building blocks QuickBooks Desktop and Reckon Accounts share: keyword rows (!TRNS / !SPL / !ENDTRNS),
// records as plain objects keyed by IIF field name, and the name rules of QuickBooks lists.
// Intuit: "The keyword for a transaction is TRNS; … each distribution line is SPL … ENDTRNS appears after the
// last distribution line" (IIF reference – transactions, import-formats.md §2.1).

import type { LedgerInvoice, LedgerLine } from '../../types.ts';
import { bindRow, joinNonEmpty } from '../helpers.ts';
import type { BoundRow, Column, ProblemDraft, RenderContext, SettingSpec } from '../types.ts';

export type IifRecord = Readonly<Record<string, string | undefined>>;
export type IifFieldSpec = Omit<Column<IifRecord>, 'header' | 'value' | 'kind'> &
  Pick<Partial<Column<IifRecord>>, 'kind'>;

/** Columns for one record type: the keyword first, then the named fields read from the record object. */
export function iifColumns(
  keyword: 'TRNS' | 'SPL',
  names: readonly string[],
  spec: Readonly<Record<string, IifFieldSpec>>,
): readonly Column<IifRecord>[] {
  return [
    { header: `!${keyword}`, kind: 'fixed', value: () => keyword },
    ...names.map(
      (name): Column<IifRecord> => ({ kind: 'fixed', ...spec[name], header: name, value: (r) => r[name] }),
    ),
  ];
}

const END: readonly Column<IifRecord>[] = [{ header: '!ENDTRNS', kind: 'fixed', value: () => 'ENDTRNS' }];

/** The three keyword rows. Intuit's kit pads !ENDTRNS with TABs to the !TRNS width (samples/…example.iif). */
export function iifHeaderRows(trns: readonly Column<IifRecord>[], spl: readonly Column<IifRecord>[]) {
  const width = Math.max(trns.length, spl.length);
  return [
    trns.map((c) => c.header),
    spl.map((c) => c.header),
    ['!ENDTRNS', ...Array.from({ length: width - 1 }, () => '')],
  ];
}

export function iifTransaction(
  ctx: RenderContext,
  trns: readonly Column<IifRecord>[],
  spl: readonly Column<IifRecord>[],
  header: IifRecord,
  lines: readonly IifRecord[],
  taxLines: readonly IifRecord[],
): BoundRow[] {
  const rows = [bindRow(trns, header, ctx)];
  for (let i = 0; i < lines.length; i++) rows.push(bindRow(spl, lines[i]!, ctx, i));
  for (const r of taxLines) rows.push(bindRow(spl, r, ctx));
  rows.push(bindRow(END, {}, ctx));
  return rows;
}

export const trnsType = (inv: LedgerInvoice): string => (inv.kind === 'credit' ? 'CREDIT MEMO' : 'INVOICE');

/** IIF NAME: "Customer:Job" when there is a job, so QuickBooks files the invoice under the job (§10.3). */
export const customerJob = (inv: LedgerInvoice): string => joinNonEmpty(':', inv.contact.name, inv.job?.name);

export const iifAddressLine3 = (inv: LedgerInvoice): string =>
  joinNonEmpty(' ', inv.contact.address.city, inv.contact.address.region, inv.contact.address.postcode);

/** Item per line category: invoice lines name a Product/Service item that must already exist (§2.3). */
const ITEM_HELP =
  'The Service item in the Item List, used for lines whose income account has no item of its own under "Items per income account". It must already exist.';

export const iifItemSettings: Readonly<Record<string, SettingSpec>> = {
  itemFee: { label: 'Item for fees', default: 'Fees', help: ITEM_HELP },
  itemDisbursement: { label: 'Item for disbursements', default: 'Disbursements', help: ITEM_HELP },
  itemVariation: { label: 'Item for variations', default: 'Variations', help: ITEM_HELP },
  itemExpense: { label: 'Item for expenses', default: 'Expenses', help: ITEM_HELP },
};

const ITEM_SETTING = {
  fee: 'itemFee',
  disbursement: 'itemDisbursement',
  variation: 'itemVariation',
  expense: 'itemExpense',
} as const;

/** The item mapped to the line's income account, else the one for its category. */
export const iifItem = (line: LedgerLine, ctx: RenderContext): string =>
  ctx.itemsByAccount[line.accountCode] || (ctx.settings[ITEM_SETTING[line.category]] ?? '');

// QuickBooks Desktop list names are at most 41 characters [Derived from QuickBooks field limits, unverified],
// and "a ':' in names splits records" (peers.md §1.8), so customer and job names are checked separately.
const NAME_MAX = 41;

export function quickBooksNameRules(inv: LedgerInvoice, pkg: string): ProblemDraft[] {
  const problems: ProblemDraft[] = [];
  const names: [string, string, string | undefined][] = [
    ['contact.name', 'customer name', inv.contact.name],
    ['job.name', 'job name', inv.job?.name],
  ];
  for (const [field, label, value] of names) {
    if (value === undefined) continue;
    if (value.includes(':')) {
      problems.push({
        severity: 'error',
        code: 'forbidden_character',
        field,
        message: `The ${label} "${value}" contains ":", which ${pkg} reads as "sub-list of" and would split into new records. Remove the colon.`,
      });
    }
    if ([...value].length > NAME_MAX) {
      problems.push({
        severity: 'error',
        code: 'too_long',
        field,
        message: `The ${label} "${value}" is ${[...value].length} characters; ${pkg} names hold at most ${NAME_MAX}. Shorten it.`,
      });
    }
  }
  return problems;
}
