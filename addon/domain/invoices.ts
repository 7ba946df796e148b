// Abtrac invoices: created and edited while draft, then committed. Amounts are computed here, per line,
// from exact decimals; the stored totals are the sums of the rounded lines.
import { and, asc, desc, eq, gte, ilike, inArray, lt, lte, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  accountsInterfaces,
  clients,
  invoiceLines,
  invoices,
  jobs,
  offices,
  syncLedger,
  tasks,
  taxClasses,
} from '../../db/schema.ts';
import { ledgerDocumentUrl } from '../connectors/ledger-links.ts';
import { Id, IsoDate } from '../contract/common.ts';
import type { Invoice, InvoiceInput, InvoiceListQuery, InvoiceSummary } from '../contract/invoices.ts';
import { badRequest, conflict, notFound } from '../http/errors.ts';
import {
  computeLine,
  formatCents,
  formatDecimal,
  PRICE_SCALE,
  parseDecimal,
  QUANTITY_SCALE,
  sumLines,
  type TaxMode,
} from './money.ts';

type InvoiceRow = typeof invoices.$inferSelect;

/** A trillion dollars: far above any consultancy's invoice, far below what a bigint of cents can hold. */
const MAX_AMOUNT_CENTS = 10n ** 14n;
const abs = (n: bigint) => (n < 0n ? -n : n);

const summary = (r: InvoiceRow, clientName: string): InvoiceSummary => ({
  id: r.id,
  number: r.number,
  officeId: r.officeId,
  clientId: r.clientId,
  clientName,
  jobId: r.jobId,
  invoiceDate: r.invoiceDate,
  dueDate: r.dueDate,
  status: r.status,
  currency: r.currency,
  taxMode: r.taxMode,
  reference: r.reference,
  subtotal: formatCents(r.subtotalCents),
  tax: formatCents(r.taxCents),
  total: formatCents(r.totalCents),
  version: r.version,
});

/** Abtrac's view of a pushed invoice's payment, from what the ledger last said. */
export function paymentStatus(state: string, remote: string | null, paid: bigint | null, total: bigint) {
  if (state !== 'pushed') return null;
  const word = (remote ?? '').toUpperCase();
  if (word === 'VOIDED') return 'voided' as const;
  if (word === 'DELETED') return 'deleted' as const;
  const due = total < 0n ? -total : total;
  if (word === 'PAID' || word === 'CLOSED' || (paid !== null && paid >= due && due > 0n))
    return 'paid' as const;
  if (paid !== null && paid > 0n) return 'part-paid' as const;
  return 'unpaid' as const;
}

const encodeCursor = (date: string, id: string) => Buffer.from(`${date}|${id}`).toString('base64url');
function decodeCursor(cursor: string): { date: string; id: string } {
  const [date, id, extra] = Buffer.from(cursor, 'base64url').toString().split('|');
  // Checked as strictly as the API's own ids and dates: a forged cursor must never reach the database.
  if (extra !== undefined || !IsoDate.safeParse(date).success || !Id.safeParse(id).success) {
    throw badRequest('invalid_cursor', 'The cursor is not one this API returned.', {
      cursor: 'invalid cursor',
    });
  }
  return { date: date!, id: id! };
}

/** Newest first, keyset-paged on (invoice date, id) so pages stay stable while invoices are added. */
/** The list's query, one keyset page (limit + 1 rows); exported so its plan can be checked. */
export function listInvoicesQuery(db: Db, practiceId: string, q: InvoiceListQuery) {
  const where: (SQL | undefined)[] = [
    eq(invoices.practiceId, practiceId),
    q.status ? eq(invoices.status, q.status) : undefined,
    q.officeId ? eq(invoices.officeId, q.officeId) : undefined,
    q.clientId ? eq(invoices.clientId, q.clientId) : undefined,
    q.from ? gte(invoices.invoiceDate, q.from) : undefined,
    q.to ? lte(invoices.invoiceDate, q.to) : undefined,
    q.q ? ilike(invoices.number, `%${q.q}%`) : undefined,
  ];
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    where.push(
      or(lt(invoices.invoiceDate, c.date), and(eq(invoices.invoiceDate, c.date), lt(invoices.id, c.id))),
    );
  }
  return db
    .select({ invoice: invoices, clientName: clients.name })
    .from(invoices)
    .innerJoin(clients, eq(clients.id, invoices.clientId))
    .where(and(...where))
    .orderBy(desc(invoices.invoiceDate), desc(invoices.id))
    .limit(q.limit + 1);
}

export async function listInvoices(db: Db, practiceId: string, q: InvoiceListQuery) {
  const rows = await listInvoicesQuery(db, practiceId, q);
  const more = rows.length > q.limit;
  const items = rows.slice(0, q.limit).map((r) => summary(r.invoice, r.clientName));
  const last = items.at(-1);
  return { items, nextCursor: more && last ? encodeCursor(last.invoiceDate, last.id) : null };
}

export async function getInvoice(db: Db, practiceId: string, id: string): Promise<Invoice> {
  // Three independent reads, sent together: on PostgreSQL they run on three pooled connections at once.
  const [[row], lines, ledger] = await Promise.all([
    db
      .select({ invoice: invoices, clientName: clients.name })
      .from(invoices)
      .innerJoin(clients, eq(clients.id, invoices.clientId))
      .where(and(eq(invoices.practiceId, practiceId), eq(invoices.id, id))),
    db
      .select()
      .from(invoiceLines)
      .where(and(eq(invoiceLines.practiceId, practiceId), eq(invoiceLines.invoiceId, id)))
      .orderBy(asc(invoiceLines.position)),
    db
      .select({ l: syncLedger, provider: accountsInterfaces.provider })
      .from(syncLedger)
      .innerJoin(
        accountsInterfaces,
        and(
          eq(accountsInterfaces.practiceId, syncLedger.practiceId),
          eq(accountsInterfaces.id, syncLedger.interfaceId),
        ),
      )
      .where(and(eq(syncLedger.practiceId, practiceId), eq(syncLedger.invoiceId, id)))
      .then((rows) => rows.map(({ l, provider }) => ({ ...l, provider }))),
  ]);
  if (!row) throw notFound('Invoice');
  const r = row.invoice;
  return {
    ...summary(r, row.clientName),
    accounts: ledger.map((l) => ({
      interfaceId: l.interfaceId,
      state: l.state as 'pending' | 'sending' | 'uncertain' | 'pushed' | 'failed',
      externalNumber: l.externalNumber,
      remoteStatus: l.remoteStatus,
      amountPaid: l.amountPaidCents === null ? null : formatCents(l.amountPaidCents),
      paidAt: l.paidAt,
      paymentStatus: paymentStatus(l.state, l.remoteStatus, l.amountPaidCents, r.totalCents),
      ledgerUrl:
        l.state === 'pushed'
          ? ledgerDocumentUrl(l.provider, r.totalCents < 0n ? 'credit' : 'invoice', l.externalId)
          : null,
    })),
    accountCodeOverride: r.accountCodeOverride,
    taxCodeOverride: r.taxCodeOverride,
    committedAt: r.committedAt?.toISOString() ?? null,
    lines: lines.map((l) => ({
      id: l.id,
      position: l.position,
      category: l.category,
      description: l.description,
      quantity: formatDecimal(parseDecimal(l.quantity, QUANTITY_SCALE), QUANTITY_SCALE),
      unitPrice: formatDecimal(parseDecimal(l.unitPrice, PRICE_SCALE), PRICE_SCALE),
      taskId: l.taskId,
      taxClassId: l.taxClassId,
      accountCodeOverride: l.accountCodeOverride,
      taxCodeOverride: l.taxCodeOverride,
      net: formatCents(l.netCents),
      tax: formatCents(l.taxCents),
      gross: formatCents(l.grossCents),
    })),
  };
}

/** Checks that every id the invoice refers to is in this practice, and prices its lines. */
async function prepare(db: Db, practiceId: string, input: InvoiceInput) {
  const problems: Record<string, string> = {};
  const [office] = await db
    .select()
    .from(offices)
    .where(and(eq(offices.practiceId, practiceId), eq(offices.id, input.officeId)));
  if (!office) problems.officeId = 'no such office in this practice';
  const [client] = await db
    .select()
    .from(clients)
    .where(and(eq(clients.practiceId, practiceId), eq(clients.id, input.clientId)));
  if (!client) problems.clientId = 'no such client in this practice';
  if (input.jobId) {
    const [job] = await db
      .select()
      .from(jobs)
      .where(and(eq(jobs.practiceId, practiceId), eq(jobs.id, input.jobId)));
    if (!job) problems.jobId = 'no such job in this practice';
    else if (job.clientId !== input.clientId) problems.jobId = 'this job belongs to another client';
  }
  const classIds = [...new Set(input.lines.map((l) => l.taxClassId))];
  const classes = await db
    .select()
    .from(taxClasses)
    .where(and(eq(taxClasses.practiceId, practiceId), inArray(taxClasses.id, classIds)));
  const taskIds = [...new Set(input.lines.flatMap((l) => (l.taskId ? [l.taskId] : [])))];
  const knownTasks = taskIds.length
    ? await db
        .select({ id: tasks.id })
        .from(tasks)
        .where(and(eq(tasks.practiceId, practiceId), inArray(tasks.id, taskIds)))
    : [];
  const rateOf = new Map(classes.map((c) => [c.id, c.ratePercent]));
  // Without a tax mode, the tax classes say: inclusive when every line's class has tax-inclusive prices.
  const taxMode: TaxMode =
    input.taxMode ?? (classes.length && classes.every((c) => c.inclusive) ? 'inclusive' : 'exclusive');
  const taskSet = new Set(knownTasks.map((t) => t.id));
  const lines = input.lines.map((line, i) => {
    const rate = rateOf.get(line.taxClassId);
    if (rate === undefined) problems[`lines.${i}.taxClassId`] = 'no such tax class in this practice';
    if (line.taskId && !taskSet.has(line.taskId))
      problems[`lines.${i}.taskId`] = 'no such task in this practice';
    const amounts = computeLine(
      { quantity: line.quantity, unitPrice: line.unitPrice, taxRatePercent: rate ?? '0' },
      taxMode,
    );
    if (abs(amounts.grossCents) > MAX_AMOUNT_CENTS)
      problems[`lines.${i}.unitPrice`] = 'makes the line amount too large';
    return { ...line, position: i + 1, ...amounts };
  });
  const totals = sumLines(lines);
  if (abs(totals.totalCents) > MAX_AMOUNT_CENTS) problems.lines = 'the invoice total is too large';
  if (Object.keys(problems).length) {
    throw badRequest(
      'invalid_invoice',
      'The invoice cannot be saved: each field listed says what to fix.',
      problems,
    );
  }
  return { lines, totals, taxMode };
}

function invoiceValues(input: InvoiceInput, taxMode: TaxMode) {
  const { lines: _lines, ...fields } = input;
  return { ...fields, taxMode };
}

export async function createInvoice(db: Db, practiceId: string, input: InvoiceInput): Promise<Invoice> {
  const id = await db.transaction(async (tx) => {
    const { lines, totals, taxMode } = await prepare(tx, practiceId, input);
    const [row] = await tx
      .insert(invoices)
      .values({ practiceId, ...invoiceValues(input, taxMode), ...totals, status: 'draft' })
      .returning({ id: invoices.id });
    await tx.insert(invoiceLines).values(lines.map((l) => ({ ...l, practiceId, invoiceId: row!.id })));
    return row!.id;
  });
  return getInvoice(db, practiceId, id);
}

/** Replaces a draft invoice and its lines; committed invoices are final. */
export async function updateInvoice(
  db: Db,
  practiceId: string,
  id: string,
  input: InvoiceInput,
): Promise<Invoice> {
  await db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(invoices)
      .where(and(eq(invoices.practiceId, practiceId), eq(invoices.id, id)))
      .for('update');
    if (!current) throw notFound('Invoice');
    if (current.status !== 'draft') {
      throw conflict(
        'invoice_committed',
        `Invoice ${current.number} is committed and can no longer be edited.`,
      );
    }
    const { lines, totals, taxMode } = await prepare(tx, practiceId, input);
    await tx
      .update(invoices)
      .set({
        ...invoiceValues(input, taxMode),
        ...totals,
        version: current.version + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(invoices.practiceId, practiceId), eq(invoices.id, id)));
    await tx
      .delete(invoiceLines)
      .where(and(eq(invoiceLines.practiceId, practiceId), eq(invoiceLines.invoiceId, id)));
    await tx.insert(invoiceLines).values(lines.map((l) => ({ ...l, practiceId, invoiceId: id })));
  });
  return getInvoice(db, practiceId, id);
}

export async function commitInvoice(db: Db, practiceId: string, id: string): Promise<Invoice> {
  const [row] = await db
    .update(invoices)
    .set({ status: 'committed', committedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(invoices.practiceId, practiceId), eq(invoices.id, id), eq(invoices.status, 'draft')))
    .returning({ id: invoices.id });
  if (!row) {
    const existing = await getInvoice(db, practiceId, id); // 404 when it is not ours
    throw conflict('invoice_committed', `Invoice ${existing.number} is already committed.`);
  }
  return getInvoice(db, practiceId, id);
}
