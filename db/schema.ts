// The one description of the database. Migrations come from it with `npm run db:generate`.
//
// Every row belongs to a practice. Child tables reference their parents through (practice_id, id)
// composite keys, so the database itself refuses a row that points into another practice.
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const id = () => uuid('id').primaryKey().defaultRandom();
const practiceId = () =>
  uuid('practice_id')
    .notNull()
    .references(() => practices.id, { onDelete: 'cascade' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
// Money: integer cents in a bigint, read as a JS bigint so no float ever touches an amount.
const cents = (name: string) => bigint(name, { mode: 'bigint' }).notNull().default(sql`0`);

export const INVOICE_STATUSES = ['draft', 'committed'] as const;
export const TAX_MODES = ['exclusive', 'inclusive'] as const;
export const LINE_CATEGORIES = ['fee', 'disbursement', 'variation', 'expense'] as const;

// ---------------------------------------------------------------- the practice and who acts for it

export const practices = pgTable('practices', {
  id: id(),
  name: text('name').notNull(),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: createdAt(),
});

/** Who may do what, weakest first: each role can do everything the ones before it can. */
export const ROLES = ['viewer', 'biller', 'administrator'] as const;
export type Role = (typeof ROLES)[number];

/**
 * A person in a practice. People are known by the identity provider that signed them in: the id_token's
 * (iss, sub) pair, never by email alone (two providers may vouch for the same address). The demo user and
 * users from before sign-in providers have no identity yet; they get one from an invitation or from Sign up
 * with Xero.
 */
export const users = pgTable(
  'users',
  {
    id: id(),
    practiceId: practiceId(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ROLES }).notNull().default('administrator'),
    issuer: text('issuer'),
    subject: text('subject'),
    lastSignedInAt: timestamp('last_signed_in_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    unique('users_practice_email').on(t.practiceId, t.email),
    unique('users_identity').on(t.issuer, t.subject),
  ],
);

/**
 * A signed-in browser. The cookie carries a random token; only its SHA-256 is stored, so a copy of the
 * table signs nobody in. Revoking (sign out, sign out everywhere, removal) sets revoked_at.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: id(),
    practiceId: practiceId(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [unique('sessions_token_hash').on(t.tokenHash), index('sessions_user').on(t.practiceId, t.userId)],
);

/** An administrator's invitation: the link it mails is signed, expires, and is used once (accepted_at). */
export const invitations = pgTable(
  'invitations',
  {
    id: id(),
    practiceId: practiceId(),
    email: text('email').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    invitedBy: text('invited_by').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedUserId: uuid('accepted_user_id'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('invitations_practice').on(t.practiceId, t.createdAt)],
);

/** Machine clients authenticate with an API key; only its SHA-256 is stored. Each key acts with a role. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: id(),
    practiceId: practiceId(),
    name: text('name').notNull(),
    keyHash: text('key_hash').notNull(),
    // Keys made before roles existed could do everything: they stay administrators.
    role: text('role', { enum: ROLES }).notNull().default('administrator'),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [unique('api_keys_hash').on(t.keyHash)],
);

// ---------------------------------------------------------------- Abtrac's side

export const accountsInterfaces = pgTable(
  'accounts_interfaces',
  {
    id: id(),
    practiceId: practiceId(),
    displayName: text('display_name').notNull(),
    /** A ProviderId from the connector registry; checked by the API against the registry. */
    provider: text('provider').notNull(),
    /** not_connected | connected | reconnect_needed | disconnected */
    status: text('status').notNull().default('not_connected'),
    /** The Xero tenant or MYOB company file, chosen once at connect time. */
    tenantId: text('tenant_id'),
    tenantName: text('tenant_name'),
    options: jsonb('options').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('accounts_interfaces_practice_id').on(t.practiceId, t.id),
    unique('accounts_interfaces_practice_name').on(t.practiceId, t.displayName),
  ],
);

export const invoiceSettings = pgTable(
  'invoice_settings',
  {
    id: id(),
    practiceId: practiceId(),
    name: text('name').notNull(),
    /** At most one accounts interface (one accounts file) per invoice setting: a single nullable column. */
    interfaceId: uuid('interface_id'),
    createdAt: createdAt(),
  },
  (t) => [
    unique('invoice_settings_practice_id').on(t.practiceId, t.id),
    unique('invoice_settings_practice_name').on(t.practiceId, t.name),
    foreignKey({
      name: 'invoice_settings_interface_fk',
      columns: [t.practiceId, t.interfaceId],
      foreignColumns: [accountsInterfaces.practiceId, accountsInterfaces.id],
    }),
  ],
);

export const offices = pgTable(
  'offices',
  {
    id: id(),
    practiceId: practiceId(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** At most one invoice setting per office; several offices may share one. */
    invoiceSettingId: uuid('invoice_setting_id'),
    createdAt: createdAt(),
  },
  (t) => [
    unique('offices_practice_id').on(t.practiceId, t.id),
    unique('offices_practice_code').on(t.practiceId, t.code),
    foreignKey({
      name: 'offices_invoice_setting_fk',
      columns: [t.practiceId, t.invoiceSettingId],
      foreignColumns: [invoiceSettings.practiceId, invoiceSettings.id],
    }),
  ],
);

/** Departments, job types and tasks share one shape: a code and a name inside the practice. */
const codedTable = <N extends string>(name: N) =>
  pgTable(
    name,
    {
      id: id(),
      practiceId: practiceId(),
      code: text('code').notNull(),
      name: text('name').notNull(),
    },
    (t) => [
      unique(`${name}_practice_id`).on(t.practiceId, t.id),
      unique(`${name}_practice_code`).on(t.practiceId, t.code),
    ],
  );

export const departments = codedTable('departments');
export const jobTypes = codedTable('job_types');
export const tasks = codedTable('tasks');

/** Abtrac's tax classes (e.g. GST 10%, GST-free 0%); the mapping turns each into a ledger tax code. */
export const taxClasses = pgTable(
  'tax_classes',
  {
    id: id(),
    practiceId: practiceId(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** Percentage as an exact decimal string, e.g. "10" or "12.5". */
    ratePercent: numeric('rate_percent', { precision: 7, scale: 4 }).notNull(),
    /** Prices entered with this class include the tax: an invoice whose lines all use such classes is inclusive. */
    inclusive: boolean('inclusive').notNull().default(false),
  },
  (t) => [
    unique('tax_classes_practice_id').on(t.practiceId, t.id),
    unique('tax_classes_practice_code').on(t.practiceId, t.code),
  ],
);

export const clients = pgTable(
  'clients',
  {
    id: id(),
    practiceId: practiceId(),
    /** Abtrac's client ID, the key accounting contacts are matched on (Xero ContactNumber, MYOB Card ID). */
    clientCode: text('client_code').notNull(),
    name: text('name').notNull(),
    email: text('email'),
    addressLine1: text('address_line1'),
    addressLine2: text('address_line2'),
    city: text('city'),
    region: text('region'),
    postcode: text('postcode'),
    country: text('country'),
    createdAt: createdAt(),
  },
  (t) => [
    unique('clients_practice_id').on(t.practiceId, t.id),
    unique('clients_practice_code').on(t.practiceId, t.clientCode),
  ],
);

export const jobs = pgTable(
  'jobs',
  {
    id: id(),
    practiceId: practiceId(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    clientId: uuid('client_id').notNull(),
    officeId: uuid('office_id').notNull(),
    jobTypeId: uuid('job_type_id'),
    departmentId: uuid('department_id'),
    createdAt: createdAt(),
  },
  (t) => [
    unique('jobs_practice_id').on(t.practiceId, t.id),
    unique('jobs_practice_code').on(t.practiceId, t.code),
    foreignKey({
      name: 'jobs_client_fk',
      columns: [t.practiceId, t.clientId],
      foreignColumns: [clients.practiceId, clients.id],
    }),
    foreignKey({
      name: 'jobs_office_fk',
      columns: [t.practiceId, t.officeId],
      foreignColumns: [offices.practiceId, offices.id],
    }),
    foreignKey({
      name: 'jobs_job_type_fk',
      columns: [t.practiceId, t.jobTypeId],
      foreignColumns: [jobTypes.practiceId, jobTypes.id],
    }),
    foreignKey({
      name: 'jobs_department_fk',
      columns: [t.practiceId, t.departmentId],
      foreignColumns: [departments.practiceId, departments.id],
    }),
  ],
);

export const invoices = pgTable(
  'invoices',
  {
    id: id(),
    practiceId: practiceId(),
    number: text('number').notNull(),
    officeId: uuid('office_id').notNull(),
    clientId: uuid('client_id').notNull(),
    jobId: uuid('job_id'),
    invoiceDate: date('invoice_date', { mode: 'string' }).notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    status: text('status', { enum: INVOICE_STATUSES }).notNull().default('draft'),
    currency: text('currency').notNull(),
    taxMode: text('tax_mode', { enum: TAX_MODES }).notNull(),
    reference: text('reference'),
    /** Per-invoice overrides of the mapped codes; a line override wins over these. */
    accountCodeOverride: text('account_code_override'),
    taxCodeOverride: text('tax_code_override'),
    subtotalCents: cents('subtotal_cents'),
    taxCents: cents('tax_cents'),
    totalCents: cents('total_cents'),
    /** Bumped on every change, so a changed invoice is re-sent under a new idempotency key. */
    version: integer('version').notNull().default(1),
    /** Parked invoices are kept out of new batches until un-parked. */
    parkedAt: timestamp('parked_at', { withTimezone: true }),
    committedAt: timestamp('committed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('invoices_practice_id').on(t.practiceId, t.id),
    unique('invoices_practice_number').on(t.practiceId, t.number),
    index('invoices_practice_date').on(t.practiceId, t.invoiceDate, t.id),
    check('invoices_status', sql`${t.status} in ('draft', 'committed')`),
    check('invoices_tax_mode', sql`${t.taxMode} in ('exclusive', 'inclusive')`),
    check('invoices_currency', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('invoices_total_sum', sql`${t.totalCents} = ${t.subtotalCents} + ${t.taxCents}`),
    foreignKey({
      name: 'invoices_office_fk',
      columns: [t.practiceId, t.officeId],
      foreignColumns: [offices.practiceId, offices.id],
    }),
    foreignKey({
      name: 'invoices_client_fk',
      columns: [t.practiceId, t.clientId],
      foreignColumns: [clients.practiceId, clients.id],
    }),
    foreignKey({
      name: 'invoices_job_fk',
      columns: [t.practiceId, t.jobId],
      foreignColumns: [jobs.practiceId, jobs.id],
    }),
  ],
);

export const invoiceLines = pgTable(
  'invoice_lines',
  {
    id: id(),
    practiceId: practiceId(),
    invoiceId: uuid('invoice_id').notNull(),
    position: integer('position').notNull(),
    category: text('category', { enum: LINE_CATEGORIES }).notNull(),
    description: text('description').notNull(),
    /** Exact decimals, up to 4 places (Xero accepts unit prices to 4 dp with unitdp=4). */
    quantity: numeric('quantity', { precision: 18, scale: 4 }).notNull(),
    unitPrice: numeric('unit_price', { precision: 18, scale: 4 }).notNull(),
    taskId: uuid('task_id'),
    taxClassId: uuid('tax_class_id').notNull(),
    accountCodeOverride: text('account_code_override'),
    taxCodeOverride: text('tax_code_override'),
    netCents: cents('net_cents'),
    taxCents: cents('tax_cents'),
    grossCents: cents('gross_cents'),
  },
  (t) => [
    unique('invoice_lines_position').on(t.invoiceId, t.position),
    check('invoice_lines_category', sql`${t.category} in ('fee', 'disbursement', 'variation', 'expense')`),
    check('invoice_lines_gross_sum', sql`${t.grossCents} = ${t.netCents} + ${t.taxCents}`),
    foreignKey({
      name: 'invoice_lines_invoice_fk',
      columns: [t.practiceId, t.invoiceId],
      foreignColumns: [invoices.practiceId, invoices.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'invoice_lines_task_fk',
      columns: [t.practiceId, t.taskId],
      foreignColumns: [tasks.practiceId, tasks.id],
    }),
    foreignKey({
      name: 'invoice_lines_tax_class_fk',
      columns: [t.practiceId, t.taxClassId],
      foreignColumns: [taxClasses.practiceId, taxClasses.id],
    }),
  ],
);

// ---------------------------------------------------------------- the link's side

/** Scopes of the mapping hierarchy, most specific last; per-invoice and per-line overrides win over all. */
export const MAPPING_SCOPES = [
  'default',
  'office',
  'department',
  'job_type',
  'task',
  'category',
  'tax_class',
] as const;

export const codeMappings = pgTable(
  'code_mappings',
  {
    id: id(),
    practiceId: practiceId(),
    interfaceId: uuid('interface_id').notNull(),
    scope: text('scope', { enum: MAPPING_SCOPES }).notNull(),
    /** The id (or category name) the rule applies to; '' for the interface default. */
    scopeKey: text('scope_key').notNull().default(''),
    accountCode: text('account_code'),
    taxCode: text('tax_code'),
    trackingOption: text('tracking_option'),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('code_mappings_rule').on(t.interfaceId, t.scope, t.scopeKey),
    foreignKey({
      name: 'code_mappings_interface_fk',
      columns: [t.practiceId, t.interfaceId],
      foreignColumns: [accountsInterfaces.practiceId, accountsInterfaces.id],
    }).onDelete('cascade'),
  ],
);

/** A client or job of Abtrac linked to its counterpart in one accounts file. */
export const externalLinks = pgTable(
  'external_links',
  {
    id: id(),
    practiceId: practiceId(),
    interfaceId: uuid('interface_id').notNull(),
    kind: text('kind', { enum: ['client', 'job'] }).notNull(),
    localId: uuid('local_id').notNull(),
    externalId: text('external_id').notNull(),
    externalName: text('external_name'),
    createdAt: createdAt(),
  },
  (t) => [
    unique('external_links_local').on(t.interfaceId, t.kind, t.localId),
    foreignKey({
      name: 'external_links_interface_fk',
      columns: [t.practiceId, t.interfaceId],
      foreignColumns: [accountsInterfaces.practiceId, accountsInterfaces.id],
    }).onDelete('cascade'),
  ],
);

export const batches = pgTable(
  'batches',
  {
    id: id(),
    practiceId: practiceId(),
    /** Numbered per practice, as Abtrac's upload batches are. */
    number: integer('number').notNull(),
    interfaceId: uuid('interface_id').notNull(),
    /** open | queued | running | done | failed */
    status: text('status').notNull().default('open'),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    unique('batches_practice_id').on(t.practiceId, t.id),
    unique('batches_practice_number').on(t.practiceId, t.number),
    foreignKey({
      name: 'batches_interface_fk',
      columns: [t.practiceId, t.interfaceId],
      foreignColumns: [accountsInterfaces.practiceId, accountsInterfaces.id],
    }),
  ],
);

export const batchItems = pgTable(
  'batch_items',
  {
    id: id(),
    practiceId: practiceId(),
    batchId: uuid('batch_id').notNull(),
    invoiceId: uuid('invoice_id').notNull(),
    /** pending | skipped | uploaded | failed */
    status: text('status').notNull().default('pending'),
    error: jsonb('error').$type<{ code: string; message: string } | null>(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('batch_items_invoice').on(t.batchId, t.invoiceId),
    // An invoice waits in, or is being sent by, at most one batch: two batches made at once cannot both
    // take it (an invoice reaches exactly one accounts file, through its office's invoice setting).
    uniqueIndex('batch_items_one_open_batch')
      .on(t.invoiceId)
      .where(sql`${t.status} in ('pending', 'sending')`),
    foreignKey({
      name: 'batch_items_batch_fk',
      columns: [t.practiceId, t.batchId],
      foreignColumns: [batches.practiceId, batches.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'batch_items_invoice_fk',
      columns: [t.practiceId, t.invoiceId],
      foreignColumns: [invoices.practiceId, invoices.id],
    }),
  ],
);

/** One row per invoice per accounts file: what the ledger holds of it and how we got there. */
export const syncLedger = pgTable(
  'sync_ledger',
  {
    id: id(),
    practiceId: practiceId(),
    invoiceId: uuid('invoice_id').notNull(),
    interfaceId: uuid('interface_id').notNull(),
    /** pending | sending | uncertain | pushed | failed */
    state: text('state').notNull().default('pending'),
    externalId: text('external_id'),
    externalNumber: text('external_number'),
    idempotencyKey: text('idempotency_key'),
    version: integer('version').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: jsonb('last_error').$type<{ code: string; message: string } | null>(),
    /** What the ledger says of the invoice now: AUTHORISED, PAID, VOIDED, DELETED, ... */
    remoteStatus: text('remote_status'),
    amountPaidCents: bigint('amount_paid_cents', { mode: 'bigint' }),
    paidAt: date('paid_at', { mode: 'string' }),
    remoteUpdatedAt: timestamp('remote_updated_at', { withTimezone: true }),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('sync_ledger_invoice_interface').on(t.invoiceId, t.interfaceId),
    foreignKey({
      name: 'sync_ledger_invoice_fk',
      columns: [t.practiceId, t.invoiceId],
      foreignColumns: [invoices.practiceId, invoices.id],
    }),
    foreignKey({
      name: 'sync_ledger_interface_fk',
      columns: [t.practiceId, t.interfaceId],
      foreignColumns: [accountsInterfaces.practiceId, accountsInterfaces.id],
    }),
  ],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    practiceId: practiceId(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    oldValue: jsonb('old_value'),
    newValue: jsonb('new_value'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_log_practice_at').on(t.practiceId, t.at)],
);

// ---------------------------------------------------------------- connections and reference data

const interfaceFk = (name: string, t: { practiceId: AnyPgColumn; interfaceId: AnyPgColumn }) =>
  foreignKey({
    name,
    columns: [t.practiceId, t.interfaceId],
    foreignColumns: [accountsInterfaces.practiceId, accountsInterfaces.id],
  }).onDelete('cascade');

/** One OAuth connection per accounts interface. Tokens are AES-256-GCM ciphertext, never plain text. */
export const connections = pgTable(
  'connections',
  {
    interfaceId: uuid('interface_id').primaryKey(),
    practiceId: practiceId(),
    provider: text('provider').notNull(),
    accessTokenEnc: text('access_token_enc'),
    refreshTokenEnc: text('refresh_token_enc'),
    /** The refresh token before the last rotation, kept for the platform's grace period after a crash. */
    previousRefreshTokenEnc: text('previous_refresh_token_enc'),
    rotatedAt: timestamp('rotated_at', { withTimezone: true }),
    accessExpiresAt: timestamp('access_expires_at', { withTimezone: true }),
    lastRefreshedAt: timestamp('last_refreshed_at', { withTimezone: true }),
    scopes: text('scopes').notNull().default(''),
    /** Xero: the connection id for DELETE /connections/{id}. */
    externalConnectionId: text('external_connection_id'),
    connectedBy: text('connected_by'),
    connectedAt: timestamp('connected_at', { withTimezone: true }),
    /** MYOB: consent lasts a year and must be renewed by an administrator of the file. */
    consentExpiresAt: timestamp('consent_expires_at', { withTimezone: true }),
    lastError: jsonb('last_error').$type<{ code: string; message: string } | null>(),
  },
  (t) => [interfaceFk('connections_interface_fk', t)],
);

/** A started OAuth flow: the PKCE verifier and what the callback may complete; single use. */
export const oauthAttempts = pgTable('oauth_attempts', {
  id: id(),
  practiceId: uuid('practice_id').references(() => practices.id, { onDelete: 'cascade' }),
  interfaceId: uuid('interface_id'),
  provider: text('provider').notNull(),
  purpose: text('purpose', { enum: ['connect', 'signup'] }).notNull(),
  codeVerifierEnc: text('code_verifier_enc').notNull(),
  startedBy: text('started_by'),
  createdAt: createdAt(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});

export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    id: id(),
    practiceId: practiceId(),
    interfaceId: uuid('interface_id').notNull(),
    externalId: text('external_id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** The ledger's own type and class words (e.g. Xero REVENUE / SALES, MYOB Income). */
    type: text('type').notNull(),
    accountClass: text('account_class').notNull(),
    /** Revenue-capable: the only accounts the mapping screen offers. */
    isRevenue: boolean('is_revenue').notNull(),
    /** active | archived | deleted */
    status: text('status').notNull(),
    defaultTaxCode: text('default_tax_code'),
    pulledAt: timestamp('pulled_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('ledger_accounts_external').on(t.interfaceId, t.externalId),
    index('ledger_accounts_code').on(t.interfaceId, t.code),
    interfaceFk('ledger_accounts_interface_fk', t),
  ],
);

export const ledgerTaxRates = pgTable(
  'ledger_tax_rates',
  {
    id: id(),
    practiceId: practiceId(),
    interfaceId: uuid('interface_id').notNull(),
    externalId: text('external_id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    ratePercent: numeric('rate_percent', { precision: 7, scale: 4 }).notNull(),
    canApplyToRevenue: boolean('can_apply_to_revenue').notNull(),
    /** Account classes this rate may be used with; empty means any. */
    accountClasses: jsonb('account_classes').$type<string[]>().notNull().default([]),
    status: text('status').notNull(),
    pulledAt: timestamp('pulled_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('ledger_tax_rates_external').on(t.interfaceId, t.externalId),
    interfaceFk('ledger_tax_rates_interface_fk', t),
  ],
);

/** Xero tracking categories and options, or MYOB jobs (one category, "Job"). */
export const ledgerTracking = pgTable(
  'ledger_tracking',
  {
    id: id(),
    practiceId: practiceId(),
    interfaceId: uuid('interface_id').notNull(),
    categoryId: text('category_id').notNull(),
    categoryName: text('category_name').notNull(),
    optionId: text('option_id').notNull(),
    optionName: text('option_name').notNull(),
    status: text('status').notNull(),
    pulledAt: timestamp('pulled_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('ledger_tracking_option').on(t.interfaceId, t.categoryId, t.optionId),
    interfaceFk('ledger_tracking_interface_fk', t),
  ],
);

/** When each kind of reference data was last pulled, and the watermark for an incremental refresh. */
export const ledgerPulls = pgTable(
  'ledger_pulls',
  {
    practiceId: practiceId(),
    interfaceId: uuid('interface_id').notNull(),
    /** A reference list, or 'payments': when payments were last read back from the ledger. */
    kind: text('kind', { enum: ['accounts', 'taxRates', 'tracking', 'payments'] }).notNull(),
    pulledAt: timestamp('pulled_at', { withTimezone: true }).notNull(),
    modifiedSince: timestamp('modified_since', { withTimezone: true }),
  },
  (t) => [unique('ledger_pulls_kind').on(t.interfaceId, t.kind), interfaceFk('ledger_pulls_interface_fk', t)],
);

// ---------------------------------------------------------------- import-file exports

/** An import file written for a package without an API; its invoices count as exported once confirmed. */
export const exportsTable = pgTable(
  'exports',
  {
    id: id(),
    practiceId: practiceId(),
    interfaceId: uuid('interface_id').notNull(),
    template: text('template').notNull(),
    fileName: text('file_name').notNull(),
    /** Every file of the export: a package's rows-per-file limit can split one export into several. */
    fileNames: jsonb('file_names').$type<string[]>().notNull().default([]),
    invoiceCount: integer('invoice_count').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    confirmedBy: text('confirmed_by'),
  },
  (t) => [unique('exports_practice_id').on(t.practiceId, t.id), interfaceFk('exports_interface_fk', t)],
);

export const exportItems = pgTable(
  'export_items',
  {
    practiceId: practiceId(),
    exportId: uuid('export_id').notNull(),
    invoiceId: uuid('invoice_id').notNull(),
    version: integer('version').notNull(),
  },
  (t) => [
    unique('export_items_invoice').on(t.exportId, t.invoiceId),
    foreignKey({
      name: 'export_items_export_fk',
      columns: [t.practiceId, t.exportId],
      foreignColumns: [exportsTable.practiceId, exportsTable.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'export_items_invoice_fk',
      columns: [t.practiceId, t.invoiceId],
      foreignColumns: [invoices.practiceId, invoices.id],
    }),
  ],
);

// ================================================================ billing
// Owned by addon/billing (issue #8). The add-on bills for itself through Stripe: Xero retired App Store
// Subscriptions on 2 March 2026 and MYOB has no billing API (../shared/reference/xero.md §6.1, myob.md §6).

export const BILLING_STATUSES = ['trialing', 'active', 'past_due', 'cancelled'] as const;
export const BILLING_CURRENCIES = ['AUD', 'NZD'] as const;
export const BILLING_FILE_KINDS = ['api', 'file'] as const;
export const BILLING_USAGE_KINDS = ['invoice_pushed', 'invoice_exported'] as const;

/**
 * One billing record per practice, created lazily on first read; creating it starts the trial.
 * `status` is what Stripe last told us; whether the practice may push or export also depends on the
 * clock (trial end, grace period) and is computed, never stored.
 */
export const billingAccounts = pgTable(
  'billing_accounts',
  {
    practiceId: uuid('practice_id')
      .primaryKey()
      .references(() => practices.id, { onDelete: 'cascade' }),
    planId: text('plan_id').notNull(),
    currency: text('currency', { enum: BILLING_CURRENCIES }).notNull().default('AUD'),
    status: text('status', { enum: BILLING_STATUSES }).notNull().default('trialing'),
    trialStartedAt: timestamp('trial_started_at', { withTimezone: true }).notNull(),
    trialEndsAt: timestamp('trial_ends_at', { withTimezone: true }).notNull(),
    /** When the first unpaid invoice failed; the grace period runs from here. */
    pastDueSince: timestamp('past_due_since', { withTimezone: true }),
    currentPeriodEnd: timestamp('current_period_end', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    stripeCustomerId: text('stripe_customer_id'),
    stripeSubscriptionId: text('stripe_subscription_id'),
    /** Stripe's `created` of the last event applied: an older event delivered late cannot undo a newer one. */
    lastEventAt: timestamp('last_event_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('billing_accounts_stripe_customer').on(t.stripeCustomerId),
    unique('billing_accounts_stripe_subscription').on(t.stripeSubscriptionId),
    check('billing_accounts_status', sql`${t.status} in ('trialing', 'active', 'past_due', 'cancelled')`),
    check('billing_accounts_currency', sql`${t.currency} in ('AUD', 'NZD')`),
    check('billing_accounts_trial', sql`${t.trialEndsAt} > ${t.trialStartedAt}`),
  ],
);

/**
 * The daily record of billable accounts files: one row per practice, UTC day and interface that counted
 * that day. Display name and provider are copied so a statement still explains itself after a rename or
 * a deleted interface (hence no foreign key to accounts_interfaces).
 */
export const billingConnectedFiles = pgTable(
  'billing_connected_files',
  {
    practiceId: practiceId(),
    day: date('day', { mode: 'string' }).notNull(),
    interfaceId: uuid('interface_id').notNull(),
    kind: text('kind', { enum: BILLING_FILE_KINDS }).notNull(),
    provider: text('provider').notNull(),
    displayName: text('display_name').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('billing_connected_files_day').on(t.practiceId, t.day, t.interfaceId),
    check('billing_connected_files_kind', sql`${t.kind} in ('api', 'file')`),
  ],
);

/** Invoices pushed and exported per practice per UTC month (month = its first day). Shown, not charged. */
export const billingUsageMonthly = pgTable(
  'billing_usage_monthly',
  {
    practiceId: practiceId(),
    month: date('month', { mode: 'string' }).notNull(),
    kind: text('kind', { enum: BILLING_USAGE_KINDS }).notNull(),
    count: integer('count').notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('billing_usage_monthly_kind').on(t.practiceId, t.month, t.kind),
    check('billing_usage_monthly_kind_check', sql`${t.kind} in ('invoice_pushed', 'invoice_exported')`),
    check('billing_usage_monthly_count', sql`${t.count} >= 0`),
    check('billing_usage_monthly_first_day', sql`extract(day from ${t.month}) = 1`),
  ],
);

/** Stripe events already handled, by event id: Stripe delivers at least once, so each is applied once. */
export const billingStripeEvents = pgTable('billing_stripe_events', {
  eventId: text('event_id').primaryKey(),
  type: text('type').notNull(),
  /** Null when the event named no practice we know. */
  practiceId: uuid('practice_id').references(() => practices.id, { onDelete: 'cascade' }),
  /** applied | ignored | stale | unknown_practice */
  outcome: text('outcome').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
});

/**
 * Rate-limit counters shared by every server process (rate-limiter-flexible's Drizzle store: one row per
 * limiter key, points used and when the window ends). Holds client addresses, never credentials.
 */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  points: integer('points').notNull().default(0),
  expire: timestamp('expire', { withTimezone: true }),
});

/**
 * Calls made to a platform in the last short window, per organisation or API key, shared by every server
 * process (a platform's limit is per organisation, not per process). `at` is platform time in epoch ms, as
 * the governor's clock gives it. Rows older than twice the longest window are deleted as new calls are counted.
 */
export const rateCalls = pgTable(
  'rate_calls',
  {
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity().primaryKey(),
    key: text('key').notNull(),
    at: bigint('at', { mode: 'number' }).notNull(),
  },
  (t) => [index('rate_calls_key_at').on(t.key, t.at)],
);
