// Code lists for import-file interfaces: a chart of accounts or a tax-code list exported from the package itself
// (CSV, tab-separated text or IIF) becomes the interface's reference data, so the mapping dropdowns offer the
// package's own codes and names and the preview checks against them, as they do for an API ledger.
import { parse } from 'csv-parse/sync';
import type { Db } from '../../db/client.ts';
import type { LedgerAccountData, LedgerTaxRateData } from '../connectors/types.ts';
import { badRequest } from '../http/errors.ts';
import type { InterfaceRow } from './deps.ts';
import { storeReference } from './reference.ts';

export type CodeListKind = 'accounts' | 'taxRates';

const MAX_ROWS = 5000;

// Column captions as the packages' own list exports name them (Xero, QuickBooks, Sage, MYOB, MoneyWorks, Reckon).
const CODE = [
  '*code',
  'code',
  'account code',
  'account #',
  'account number',
  'account no',
  'nominal code',
  'n/c',
  'number',
  'tax code',
  'taxcode',
  'vat code',
  'tax rate code',
  'account',
];
const NAME = [
  '*name',
  'name',
  'account name',
  'description',
  'tax name',
  'tax rate name',
  'tax rate display name',
  'display name',
  'details',
];
const TYPE = ['*type', 'type', 'account type', 'accnttype', 'classification', 'category'];
const RATE = [
  'rate',
  'tax rate',
  'rate %',
  'rate (%)',
  'tax rate (%)',
  'percentage',
  'percent',
  'vat rate',
  'tax percentage',
  'price',
];

const find = (header: string[], names: string[]) => {
  const lower = header.map((h) => h.trim().toLowerCase());
  for (const n of names) {
    const i = lower.indexOf(n);
    if (i >= 0) return i;
  }
  return -1;
};

/** Revenue-capable by the package's own type words (income, revenue, sales); anything else stays out of dropdowns. */
const isRevenueType = (type: string) => type === '' || /income|revenue|sales|\binc\b|^inc$/i.test(type);

const PERCENT = /^-?\d+(\.\d+)?%?$/;

function tableOf(text: string): string[][] {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  try {
    return parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      bom: true,
    });
  } catch (err) {
    throw badRequest(
      'code_list_unreadable',
      `The file could not be read as CSV or tab-separated text: ${(err as Error).message}`,
      {
        text: 'not CSV or tab-separated text',
      },
    );
  }
}

/** IIF lists: !ACCNT rows (chart of accounts) and !INVITEM rows of sales-tax items (QuickBooks Desktop, Reckon). */
function fromIif(text: string, kind: CodeListKind) {
  const rows = text.split(/\r?\n/).map((l) => l.split('\t'));
  const headers: Record<string, string[]> = {};
  const accounts: LedgerAccountData[] = [];
  const taxRates: LedgerTaxRateData[] = [];
  for (const r of rows) {
    const key = r[0] ?? '';
    if (key.startsWith('!')) {
      headers[key.slice(1)] = r.slice(1);
      continue;
    }
    const h = headers[key];
    if (!h) continue;
    const get = (f: string) => r[h.indexOf(f) + 1]?.trim() ?? '';
    if (key === 'ACCNT' && get('NAME')) {
      const type = get('ACCNTTYPE');
      accounts.push(account(get('NAME'), get('NAME'), type));
    } else if (key === 'INVITEM' && /COMPTAX|TAX/.test(get('INVITEMTYPE')) && get('NAME')) {
      taxRates.push(taxRate(get('NAME'), get('DESC') || get('NAME'), get('PRICE')));
    }
  }
  return kind === 'accounts' ? accounts : taxRates;
}

function account(code: string, name: string, type: string): LedgerAccountData {
  return {
    externalId: code,
    code,
    name: name || code,
    type: type || 'Income',
    accountClass: type || 'Income',
    isRevenue: isRevenueType(type),
    status: 'active',
  };
}

function taxRate(code: string, name: string, rate: string): LedgerTaxRateData {
  const clean = rate.replace('%', '').trim();
  return {
    externalId: code,
    code,
    name: name || code,
    ratePercent: PERCENT.test(clean) ? clean : '0',
    canApplyToRevenue: true,
    accountClasses: [],
    status: 'active',
  };
}

/** Reads a code list exported from the package; refuses it, naming what is missing, if it is not one. */
export function parseCodeList(text: string, kind: CodeListKind): LedgerAccountData[] | LedgerTaxRateData[] {
  const list = text.trimStart().startsWith('!') ? fromIif(text, kind) : fromTable(text, kind);
  if (list.length === 0) {
    throw badRequest(
      'code_list_empty',
      `No ${kind === 'accounts' ? 'accounts' : 'tax codes'} were found in the file.`,
      { text: 'no codes found' },
    );
  }
  if (list.length > MAX_ROWS)
    throw badRequest('code_list_too_long', `The list has more than ${MAX_ROWS} codes.`, {
      text: `at most ${MAX_ROWS} codes`,
    });
  const seen = new Set<string>();
  for (const item of list) {
    if (item.code.length > 50)
      throw badRequest(
        'code_too_long',
        `The code "${item.code.slice(0, 60)}" is longer than 50 characters.`,
        { text: 'a code is too long' },
      );
    if (seen.has(item.code))
      throw badRequest('code_duplicate', `The code "${item.code}" appears twice in the list.`, {
        text: `duplicate code ${item.code}`,
      });
    seen.add(item.code);
  }
  return list as LedgerAccountData[] | LedgerTaxRateData[];
}

function fromTable(text: string, kind: CodeListKind) {
  const [header, ...rows] = tableOf(text);
  if (!header) throw badRequest('code_list_empty', 'The file is empty.', { text: 'empty' });
  const code = find(header, CODE);
  const name = find(header, NAME);
  if (code < 0 && name < 0)
    throw badRequest(
      'code_list_columns',
      `The first row names no code column (such as ${CODE.slice(1, 4).join(', ')}).`,
      { text: 'no code column' },
    );
  const type = find(header, TYPE);
  const rate = find(header, RATE);
  const cell = (r: string[], i: number) => (i >= 0 ? (r[i] ?? '').trim() : '');
  return rows
    .filter((r) => cell(r, code >= 0 ? code : name) !== '')
    .map((r) => {
      const c = cell(r, code >= 0 ? code : name);
      return kind === 'accounts'
        ? account(c, cell(r, name), cell(r, type))
        : taxRate(c, cell(r, name), cell(r, rate));
    });
}

/** Replaces the interface's list of that kind with the uploaded one (codes no longer listed become deleted). */
export async function loadCodeList(db: Db, iface: InterfaceRow, kind: CodeListKind, text: string) {
  const items = parseCodeList(text, kind);
  const pulledAt = new Date();
  const pull =
    kind === 'accounts'
      ? { accounts: { mode: 'full' as const, items: items as LedgerAccountData[] }, pulledAt }
      : { taxRates: { mode: 'full' as const, items: items as LedgerTaxRateData[] }, pulledAt };
  const changed = await storeReference(db, iface, pull, [kind]);
  return { changed, count: items.length };
}
