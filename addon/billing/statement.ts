// The monthly statement: what the plan charges for the month and why, line by line, in integer cents.
// Each line is (files counted in the month) x (the plan's unit price); the total is the sum of the lines.
import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../db/client.ts';
import { type Cents, formatCents } from '../domain/money.ts';
import { ensureBillingAccount } from './account.ts';
import { entitlementFrom } from './entitlement.ts';
import { type BillingCurrency, type ChargeLine, type Plan, planOf, unitCents } from './plans.ts';
import { type MonthUsage, usageOf } from './usage.ts';

export interface StatementLine {
  line: ChargeLine;
  description: string;
  quantity: number;
  unitCents: Cents;
  amountCents: Cents;
  /** The accounts files behind the quantity, by display name. */
  files: string[];
}

export interface Statement {
  month: string;
  planId: string;
  planName: string;
  currency: BillingCurrency;
  lines: StatementLine[];
  totalCents: Cents;
  invoicesPushed: number;
  invoicesExported: number;
  /** What happens with this total (trial, subscription), in one sentence. */
  note: string;
}

const LINE_TEXT: Record<ChargeLine, [singular: string, plural: string]> = {
  api_file: ['connected accounts file (Xero, MYOB)', 'connected accounts files (Xero, MYOB)'],
  file_interface: ['import-file interface that wrote a file', 'import-file interfaces that wrote a file'],
};

/** Pure: the statement for a month's recorded usage on a plan, in a currency. */
export function statementFrom(
  usage: MonthUsage,
  plan: Plan,
  currency: BillingCurrency,
  note = '',
): Statement {
  const lines = (['api_file', 'file_interface'] as const).map((line): StatementLine => {
    const files = usage.files.filter((f) => (line === 'api_file' ? f.kind === 'api' : f.kind === 'file'));
    const unit = unitCents(plan, currency, line);
    const quantity = files.length;
    const [one, many] = LINE_TEXT[line];
    return {
      line,
      description: `${quantity} ${quantity === 1 ? one : many} x ${currency} ${formatCents(unit)} a month`,
      quantity,
      unitCents: unit,
      amountCents: BigInt(quantity) * unit,
      files: files.map((f) => f.displayName),
    };
  });
  return {
    month: usage.month,
    planId: plan.id,
    planName: plan.name,
    currency,
    lines,
    totalCents: lines.reduce((sum, l) => sum + l.amountCents, 0n),
    invoicesPushed: usage.invoicesPushed,
    invoicesExported: usage.invoicesExported,
    note,
  };
}

export async function statementOf(db: Db, practiceId: string, month: string, now: Date): Promise<Statement> {
  const account = await ensureBillingAccount(db, practiceId, now);
  const entitlement = entitlementFrom(account, now);
  const usage = await usageOf(db, practiceId, month);
  const note =
    entitlement.status === 'trialing'
      ? `Nothing is charged during your free trial. ${entitlement.message}`
      : entitlement.status === 'cancelled'
        ? 'Your subscription is cancelled; nothing more will be charged.'
        : 'Stripe charges this total for the month on your subscription, plus GST where it applies.';
  return statementFrom(usage, planOf(account.planId), account.currency, note);
}

/**
 * Spreadsheets run cells that start with = + - @ (or a tab / carriage return) as formulas; file names
 * come from people, so they are prefixed with ' (OWASP "CSV Injection").
 */
function safeText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The statement as CSV: one row per charge line, then the total. Amounts are exact decimal strings. */
export function statementCsv(statement: Statement): string {
  const rows = [
    ['month', 'line', 'description', 'quantity', 'currency', 'unit_price', 'amount', 'files'],
    ...statement.lines.map((l) => [
      statement.month,
      l.line,
      safeText(l.description),
      String(l.quantity),
      statement.currency,
      formatCents(l.unitCents),
      formatCents(l.amountCents),
      safeText(l.files.join('; ')),
    ]),
    [
      statement.month,
      'total',
      'Total for the month',
      '',
      statement.currency,
      '',
      formatCents(statement.totalCents),
      '',
    ],
  ];
  // CRLF per RFC 4180; quote any field holding a line break (csv-stringify otherwise leaves a bare \n).
  return stringify(rows, { record_delimiter: '\r\n', quoted_match: /[\r\n]/ });
}
