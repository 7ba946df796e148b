import { z } from 'zod';
import { INVOICE_STATUSES, LINE_CATEGORIES, TAX_MODES } from '../../db/schema.ts';
import { Id, IsoDate, Money, PageQuery, page } from './common.ts';

const Decimal4 = z
  .string({ error: 'must be a decimal number written as a string, like "12.50"' })
  .trim()
  .regex(/^-?\d{1,12}(\.\d{1,4})?$/, 'must be a decimal number with at most 4 decimal places, like "12.50"');
const CodeOverride = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .nullish()
  .transform((v) => v ?? null);

export const InvoiceLineInput = z
  .object({
    category: z.enum(LINE_CATEGORIES),
    description: z.string().trim().min(1, 'is required').max(4000),
    quantity: Decimal4,
    unitPrice: Decimal4,
    taskId: Id.nullish().transform((v) => v ?? null),
    taxClassId: Id,
    accountCodeOverride: CodeOverride,
    taxCodeOverride: CodeOverride,
  })
  .strict();

export const InvoiceInput = z
  .object({
    number: z.string().trim().min(1, 'is required').max(50),
    officeId: Id,
    clientId: Id,
    jobId: Id.nullish().transform((v) => v ?? null),
    invoiceDate: IsoDate,
    dueDate: IsoDate,
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO currency code like AUD'),
    taxMode: z
      .enum(TAX_MODES)
      .optional()
      .meta({ description: "Left out: inclusive when every line's tax class has tax-inclusive prices." }),
    reference: z
      .string()
      .trim()
      .max(255)
      .nullish()
      .transform((v) => v ?? null),
    accountCodeOverride: CodeOverride,
    taxCodeOverride: CodeOverride,
    lines: z.array(InvoiceLineInput).min(1, 'an invoice needs at least one line').max(500),
  })
  .strict()
  .refine((v) => v.dueDate >= v.invoiceDate, {
    message: 'must not be before the invoice date',
    path: ['dueDate'],
  });

export const InvoiceLine = z
  .object({
    id: Id,
    position: z.number().int(),
    category: z.enum(LINE_CATEGORIES),
    description: z.string(),
    quantity: z.string(),
    unitPrice: z.string(),
    taskId: Id.nullable(),
    taxClassId: Id,
    accountCodeOverride: z.string().nullable(),
    taxCodeOverride: z.string().nullable(),
    net: Money,
    tax: Money,
    gross: Money,
  })
  .meta({ id: 'InvoiceLine' });

export const InvoiceSummary = z
  .object({
    id: Id,
    number: z.string(),
    officeId: Id,
    clientId: Id,
    clientName: z.string(),
    jobId: Id.nullable(),
    invoiceDate: z.string(),
    dueDate: z.string(),
    status: z.enum(INVOICE_STATUSES),
    currency: z.string(),
    taxMode: z.enum(TAX_MODES),
    reference: z.string().nullable(),
    subtotal: Money,
    tax: Money,
    total: Money,
    version: z.number().int(),
  })
  .meta({ id: 'InvoiceSummary' });

/** What an accounts file holds of the invoice: sent or not, and what the ledger says of it since. */
export const InvoiceInLedger = z
  .object({
    interfaceId: Id,
    state: z.enum(['pending', 'sending', 'uncertain', 'pushed', 'failed']),
    externalNumber: z.string().nullable(),
    /** The ledger's own word: AUTHORISED, PAID, VOIDED, DELETED; MYOB Open, Closed. */
    remoteStatus: z.string().nullable(),
    amountPaid: Money.nullable(),
    paidAt: z.string().nullable(),
    /** paid, part-paid, unpaid, voided or deleted: the status Abtrac shows. */
    paymentStatus: z.enum(['unpaid', 'part-paid', 'paid', 'voided', 'deleted']).nullable(),
    /** The document in the ledger's own web app (Xero); null where the ledger has no such address (MYOB). */
    ledgerUrl: z.string().nullable(),
  })
  .meta({ id: 'InvoiceInLedger' });

export const Invoice = InvoiceSummary.extend({
  accounts: z.array(InvoiceInLedger),
  accountCodeOverride: z.string().nullable(),
  taxCodeOverride: z.string().nullable(),
  committedAt: z.string().nullable(),
  lines: z.array(InvoiceLine),
}).meta({ id: 'Invoice' });

export const InvoiceListQuery = PageQuery.extend({
  status: z.enum(INVOICE_STATUSES).optional(),
  officeId: Id.optional(),
  clientId: Id.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  q: z.string().trim().max(50).optional(),
});

export const InvoicePage = page(InvoiceSummary).meta({ id: 'InvoicePage' });

export type InvoiceInput = z.infer<typeof InvoiceInput>;
export type InvoiceSummary = z.infer<typeof InvoiceSummary>;
export type Invoice = z.infer<typeof Invoice>;
export type InvoiceListQuery = z.infer<typeof InvoiceListQuery>;
