// The link's API shapes: interface options, reference data, code mappings, preview, batches.
import { z } from 'zod';
import { MAPPING_SCOPES } from '../../db/schema.ts';
import { Id, IsoDate, Money } from './common.ts';

const Code = z.string().trim().min(1).max(50);

export const InterfaceOptions = z
  .object({
    invoiceStatus: z.enum(['DRAFT', 'SUBMITTED', 'AUTHORISED']).optional(),
    contactPolicy: z.enum(['match', 'create']).optional(),
    roundingAccountCode: Code.optional(),
    roundingTaxCode: Code.optional(),
    jobTrackingCategory: z.string().trim().min(1).max(100).optional(),
    createJobs: z.boolean().optional(),
    defaultAccountCode: Code.optional(),
    defaultTaxCode: Code.optional(),
    /** Import-file interfaces: the accounts file's home currency (ISO 4217), for formats that cannot name one. */
    baseCurrency: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{3}$/, 'a three-letter currency code such as AUD')
      .optional(),
    /** Import-file interfaces: the package's export settings by name (which names, see GET /api/providers). */
    fileSettings: z
      .record(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/, 'a setting name'), z.string().trim().max(200))
      .optional(),
    /** Import-file interfaces: the package's item (Product/Service) for each mapped income account code. */
    itemsByAccount: z.record(Code, z.string().trim().min(1).max(100)).optional(),
  })
  .strict()
  .meta({ id: 'InterfaceOptions' });

/** A chart of accounts or tax-code list exported from an import-file package, as text. */
export const CodeListUpload = z
  .object({
    kind: z.enum(['accounts', 'taxRates']),
    text: z.string().min(1).max(2_000_000),
  })
  .strict()
  .meta({ id: 'CodeListUpload' });

export const LedgerAccount = z
  .object({
    code: z.string(),
    name: z.string(),
    type: z.string(),
    accountClass: z.string(),
    isRevenue: z.boolean(),
    status: z.enum(['active', 'archived', 'deleted']),
    defaultTaxCode: z.string().nullable(),
  })
  .meta({ id: 'LedgerAccount' });

export const LedgerTaxRate = z
  .object({
    code: z.string(),
    name: z.string(),
    ratePercent: z.string(),
    canApplyToRevenue: z.boolean(),
    accountClasses: z.array(z.string()),
    status: z.enum(['active', 'archived', 'deleted']),
  })
  .meta({ id: 'LedgerTaxRate' });

export const LedgerTrackingOption = z
  .object({
    categoryName: z.string(),
    optionName: z.string(),
    status: z.enum(['active', 'archived', 'deleted']),
  })
  .meta({ id: 'LedgerTrackingOption' });

export const ReferenceData = z
  .object({
    accounts: z.array(LedgerAccount),
    taxRates: z.array(LedgerTaxRate),
    tracking: z.array(LedgerTrackingOption),
    pulledAt: z.object({
      accounts: z.string().nullable(),
      taxRates: z.string().nullable(),
      tracking: z.string().nullable(),
    }),
  })
  .meta({ id: 'ReferenceData' });

export const ReferenceQuery = z.object({
  /** By default only what the mapping screen may offer: active, revenue-capable accounts and revenue tax rates. */
  all: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});

export const MappingScope = z.enum(MAPPING_SCOPES);

export const Mapping = z
  .object({
    id: Id,
    scope: MappingScope,
    scopeKey: z.string(),
    /** What the rule applies to, in words: "Office Sydney", "Category Fees". */
    label: z.string(),
    accountCode: z.string().nullable(),
    taxCode: z.string().nullable(),
    trackingOption: z.string().nullable(),
    /** Problems with the codes as the ledger has them now: archived, deleted, not revenue, not allowed together. */
    problems: z.array(z.string()),
  })
  .meta({ id: 'Mapping' });

export const MappingInput = z
  .object({
    scope: MappingScope,
    scopeKey: z.string().max(100).default(''),
    accountCode: Code.nullable().default(null),
    taxCode: Code.nullable().default(null),
    trackingOption: z.string().trim().min(1).max(100).nullable().default(null),
  })
  .strict();

export const SaveMappings = z.object({ mappings: z.array(MappingInput).max(2000) }).strict();

export const UnmappedCombination = z
  .object({
    officeName: z.string(),
    category: z.string(),
    taxClass: z.string(),
    lines: z.number().int(),
    missing: z.array(z.enum(['account', 'tax'])),
  })
  .meta({ id: 'UnmappedCombination' });

export const Problem = z
  .object({
    severity: z.enum(['error', 'warning']),
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
  })
  .meta({ id: 'Problem' });

export const PreviewLine = z.object({
  description: z.string(),
  net: Money,
  tax: Money,
  accountCode: z.string().nullable(),
  accountSource: z.string(),
  taxCode: z.string().nullable(),
  taxSource: z.string(),
  trackingOption: z.string().nullable(),
});

export const PreviewInvoice = z
  .object({
    invoiceId: Id,
    number: z.string(),
    kind: z.enum(['invoice', 'credit']),
    clientName: z.string(),
    currency: z.string(),
    total: Money,
    tax: Money,
    /** The totals the ledger will compute from what is sent. */
    ledgerTotal: Money.nullable(),
    ledgerTax: Money.nullable(),
    contact: z.object({ status: z.string(), name: z.string().nullable(), message: z.string().nullable() }),
    job: z.object({ status: z.string(), name: z.string().nullable() }).nullable(),
    lines: z.array(PreviewLine),
    problems: z.array(Problem),
    ready: z.boolean(),
  })
  .meta({ id: 'PreviewInvoice' });

/** An import-file interface's export settings as the preview and the export both use them. */
export const ExportSettingsView = z
  .object({
    baseCurrency: z.string(),
    settings: z.array(z.object({ key: z.string(), label: z.string(), value: z.string() })),
    itemsByAccount: z.record(z.string(), z.string()),
  })
  .meta({ id: 'ExportSettingsView' });

export const Preview = z
  .object({
    interfaceId: Id,
    /** Import-file interfaces only: the settings the file will be written with. */
    exportSettings: ExportSettingsView.optional(),
    invoices: z.array(PreviewInvoice),
    summary: z.object({
      ready: z.number().int(),
      blocked: z.number().int(),
      warnings: z.number().int(),
      total: Money.meta({
        description:
          'The sum of every invoice whatever its currency: meaningful only when all share one; see totals.',
      }),
      totals: z
        .array(z.object({ currency: z.string(), total: Money }))
        .meta({ description: 'One total per currency (credit notes negative).' }),
    }),
  })
  .meta({ id: 'Preview' });

export const BatchItemStatus = z.enum(['pending', 'skipped', 'sending', 'uploaded', 'failed']);

export const BatchSummary = z
  .object({
    id: Id,
    number: z.number().int(),
    interfaceId: Id,
    interfaceName: z.string(),
    status: z.enum(['open', 'queued', 'running', 'done', 'failed']),
    createdBy: z.string(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    durationSeconds: z.number().nullable(),
    counts: z.object({
      total: z.number().int(),
      pending: z.number().int(),
      uploaded: z.number().int(),
      failed: z.number().int(),
      skipped: z.number().int(),
    }),
  })
  .meta({ id: 'BatchSummary' });

export const BatchItem = z
  .object({
    invoiceId: Id,
    number: z.string(),
    clientName: z.string(),
    total: Money,
    status: BatchItemStatus,
    externalNumber: z.string().nullable(),
    /** "Uploaded" in Abtrac's batch view: when the ledger accepted it. */
    uploadedAt: z.string().nullable(),
    /** "Upload Error" in plain words, with what to do. */
    error: z.string().nullable(),
    remoteStatus: z.string().nullable(),
  })
  .meta({ id: 'BatchItem' });

export const Batch = BatchSummary.extend({ items: z.array(BatchItem) }).meta({ id: 'Batch' });

export const CreateBatch = z
  .object({
    interfaceId: Id,
    /** Specific invoices; or leave out to take every available one matching the filters. */
    invoiceIds: z.array(Id).max(5000).optional(),
    officeId: Id.optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
  })
  .strict();

export const AvailableQuery = z.object({
  interfaceId: Id,
  officeId: Id.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});

export const AvailableInvoice = z
  .object({
    invoiceId: Id,
    number: z.string(),
    invoiceDate: z.string(),
    clientName: z.string(),
    officeName: z.string(),
    total: Money,
    currency: z.string(),
    parked: z.boolean(),
  })
  .meta({ id: 'AvailableInvoice' });

export type InterfaceOptionsInput = z.infer<typeof InterfaceOptions>;
export type Mapping = z.infer<typeof Mapping>;
export type MappingInput = z.infer<typeof MappingInput>;
export type Problem = z.infer<typeof Problem>;
export type PreviewInvoice = z.infer<typeof PreviewInvoice>;
export type Preview = z.infer<typeof Preview>;
export type BatchSummary = z.infer<typeof BatchSummary>;
export type Batch = z.infer<typeof Batch>;
export type BatchItem = z.infer<typeof BatchItem>;
export type ReferenceData = z.infer<typeof ReferenceData>;
export type AvailableInvoice = z.infer<typeof AvailableInvoice>;
export type UnmappedCombination = z.infer<typeof UnmappedCombination>;
