// Offices, invoice settings, accounts interfaces and Abtrac's coded lists.
import { z } from 'zod';
import { ProviderIdSchema } from '../connectors/registry.ts';
import { Id } from './common.ts';

const Code = z.string().trim().min(1, 'is required').max(30, 'must be at most 30 characters');
const Name = z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters');

export const Office = z
  .object({ id: Id, code: z.string(), name: z.string(), invoiceSettingId: Id.nullable() })
  .meta({ id: 'Office' });
export const CreateOffice = z.object({ code: Code, name: Name }).strict();
/** A PATCH that changes nothing is a mistake in the caller: say so rather than write an empty change. */
const someField = (v: Record<string, unknown>) => Object.values(v).some((x) => x !== undefined);
const NOTHING_TO_CHANGE = 'send at least one field to change';

export const UpdateOffice = CreateOffice.partial().strict().refine(someField, NOTHING_TO_CHANGE);
export const LinkInvoiceSetting = z
  .object({ invoiceSettingId: Id.nullable().meta({ description: 'null unlinks' }) })
  .strict();

export const InvoiceSetting = z
  .object({ id: Id, name: z.string(), interfaceId: Id.nullable(), officeIds: z.array(Id) })
  .meta({ id: 'InvoiceSetting' });
export const CreateInvoiceSetting = z.object({ name: Name }).strict();
export const LinkInterface = z
  .object({ interfaceId: Id.nullable().meta({ description: 'null unlinks' }) })
  .strict();

export const InterfaceStatus = z.enum(['not_connected', 'connected', 'reconnect_needed', 'disconnected']);
export const AccountsInterface = z
  .object({
    id: Id,
    displayName: z.string(),
    provider: ProviderIdSchema,
    providerName: z.string(),
    kind: z.enum(['api', 'file']),
    status: InterfaceStatus,
    tenantName: z.string().nullable(),
    options: z.record(z.string(), z.unknown()),
    invoiceSettingIds: z.array(Id),
  })
  .meta({ id: 'AccountsInterface' });
export const CreateInterface = z.object({ displayName: Name, provider: ProviderIdSchema }).strict();
export const UpdateInterface = z
  .object({ displayName: Name.optional() })
  .strict()
  .refine(someField, NOTHING_TO_CHANGE);

export const CodedItem = z.object({ id: Id, code: z.string(), name: z.string() }).meta({ id: 'CodedItem' });
export const TaxClass = z
  .object({
    id: Id,
    code: z.string(),
    name: z.string(),
    ratePercent: z.string(),
    inclusive: z.boolean().meta({
      description: 'Prices entered with this class include the tax (the invoice default tax mode).',
    }),
  })
  .meta({ id: 'TaxClass' });

/** A percentage from 0 to 100 with at most four decimals, as an exact string ("15", "12.5"). */
const RatePercent = z
  .string()
  .trim()
  .regex(/^\d{1,3}(\.\d{1,4})?$/, 'must be a percentage like 15 or 12.5 (at most 4 decimals)')
  .refine((v) => Number(v.split('.')[0]) < 100 || /^100(\.0+)?$/.test(v), 'must be at most 100');

export const CreateTaxClass = z
  .object({
    code: z.string().trim().min(1, 'is required').max(20),
    name: z.string().trim().min(1, 'is required').max(100),
    ratePercent: RatePercent,
    inclusive: z.boolean().default(false),
  })
  .strict();

export const UpdateTaxClass = z
  .object({
    code: z.string().trim().min(1, 'is required').max(20).optional(),
    name: z.string().trim().min(1, 'is required').max(100).optional(),
    ratePercent: RatePercent.optional(),
    inclusive: z.boolean().optional(),
  })
  .strict()
  .refine(someField, NOTHING_TO_CHANGE);

export type Office = z.infer<typeof Office>;
export type InvoiceSetting = z.infer<typeof InvoiceSetting>;
export type AccountsInterface = z.infer<typeof AccountsInterface>;
export type CodedItem = z.infer<typeof CodedItem>;
export type TaxClass = z.infer<typeof TaxClass>;
