// The Billing screen's API shapes, shared with web/. Money travels as exact decimal strings ("25.00") and,
// for machines, as integer cents in a string ("2500"); never as a float.
import { z } from 'zod';
import { Money } from './common.ts';

export const BillingCurrency = z.enum(['AUD', 'NZD']);
export const CentsString = z
  .string()
  .regex(/^-?\d+$/)
  .meta({ description: 'Exact amount in integer cents', example: '2500' });
export const MonthString = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month like 2026-03')
  .meta({ example: '2026-03' });
const Timestamp = z.iso.datetime();

export const BillingPlanPrice = z.object({
  currency: BillingCurrency,
  apiFile: Money,
  apiFileCents: CentsString,
  fileInterface: Money,
  fileInterfaceCents: CentsString,
});

export const BillingPlan = z
  .object({
    id: z.string(),
    name: z.string(),
    interval: z.literal('month'),
    trialDays: z.number().int(),
    graceDays: z.number().int(),
    prices: z.array(BillingPlanPrice),
  })
  .meta({ id: 'BillingPlan' });

export const BillingStatus = z
  .object({
    plan: BillingPlan,
    currency: BillingCurrency,
    status: z.enum(['trialing', 'active', 'past_due', 'cancelled']),
    /** May the practice push invoices and write import files right now? */
    entitled: z.boolean(),
    reason: z.enum(['trial_ended', 'payment_overdue', 'cancelled']).nullable(),
    message: z.string(),
    trialEndsAt: Timestamp,
    trialDaysLeft: z.number().int(),
    graceEndsAt: Timestamp.nullable(),
    currentPeriodEnd: Timestamp.nullable(),
    /** Has a Stripe customer: "Manage payment" opens the portal. */
    subscribed: z.boolean(),
    /** False when the server has no Stripe key: trial mode, nothing can be bought here. */
    paymentsEnabled: z.boolean(),
    trialMode: z.boolean(),
    /** The sentence to show in trial mode; null otherwise. */
    paymentsMessage: z.string().nullable(),
  })
  .meta({ id: 'BillingStatus' });

export const MonthQuery = z.object({ month: MonthString.optional() });

export const CountedFile = z.object({
  interfaceId: z.uuid(),
  kind: z.enum(['api', 'file']),
  provider: z.string(),
  displayName: z.string(),
  days: z.number().int(),
});

export const BillingUsage = z
  .object({
    month: MonthString,
    files: z.array(CountedFile),
    apiFiles: z.number().int(),
    fileInterfaces: z.number().int(),
    invoicesPushed: z.number().int(),
    invoicesExported: z.number().int(),
  })
  .meta({ id: 'BillingUsage' });

export const StatementLine = z.object({
  line: z.enum(['api_file', 'file_interface']),
  description: z.string(),
  quantity: z.number().int(),
  unitPrice: Money,
  unitCents: CentsString,
  amount: Money,
  amountCents: CentsString,
  files: z.array(z.string()),
});

export const BillingStatement = z
  .object({
    month: MonthString,
    planId: z.string(),
    planName: z.string(),
    currency: BillingCurrency,
    lines: z.array(StatementLine),
    total: Money,
    totalCents: CentsString,
    invoicesPushed: z.number().int(),
    invoicesExported: z.number().int(),
    note: z.string(),
  })
  .meta({ id: 'BillingStatement' });

export const CheckoutRequest = z.object({ currency: BillingCurrency.default('AUD') });
export const RedirectUrl = z.object({ url: z.url() });

export type BillingStatus = z.infer<typeof BillingStatus>;
export type BillingStatement = z.infer<typeof BillingStatement>;
export type BillingUsage = z.infer<typeof BillingUsage>;
export type BillingPlan = z.infer<typeof BillingPlan>;
