// Code mappings: the rules that give every invoice line an account, a tax code and a tracking option.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  codeMappings,
  departments,
  invoiceLines,
  invoiceSettings,
  invoices,
  jobs,
  jobTypes,
  LINE_CATEGORIES,
  offices,
  tasks,
  taxClasses,
} from '../../db/schema.ts';
import { manifestOf } from '../connectors/registry.ts';
import type { InterfaceOptions } from '../connectors/types.ts';
import { CATEGORY_NAMES } from '../contract/categories.ts';
import type { Mapping, MappingInput, UnmappedCombination } from '../contract/link.ts';
import { recordAudit } from '../domain/audit.ts';
import { getInterfaceRow } from '../domain/organisation.ts';
import type { Auth } from '../http/auth.ts';
import { badRequest } from '../http/errors.ts';
import { checkAccount, checkTax, checkTracking } from './code-checks.ts';
import { referenceIndex } from './reference.ts';
import { type LineContext, type Rule, RuleBook, SCOPE_NAMES, type Scope } from './resolve.ts';

/** Names for scope keys, so a rule reads "Office Sydney", not an id. */
async function scopeLabels(db: Db, practiceId: string): Promise<Map<string, string>> {
  const labels = new Map<string, string>([['default:', 'Every line']]);
  for (const c of LINE_CATEGORIES) labels.set(`category:${c}`, CATEGORY_NAMES[c]);
  const named = async (
    scope: Scope,
    table: typeof offices | typeof departments | typeof jobTypes | typeof tasks | typeof taxClasses,
  ) => {
    const rows = await db
      .select({ id: table.id, name: table.name, code: table.code })
      .from(table)
      .where(eq(table.practiceId, practiceId));
    for (const r of rows) labels.set(`${scope}:${r.id}`, `${r.name} (${r.code})`);
  };
  await Promise.all([
    named('office', offices),
    named('department', departments),
    named('job_type', jobTypes),
    named('task', tasks),
    named('tax_class', taxClasses),
  ]);
  return labels;
}

export async function listMappings(db: Db, practiceId: string, interfaceId: string): Promise<Mapping[]> {
  const iface = await getInterfaceRow(db, practiceId, interfaceId);
  const provider = manifestOf(iface.provider)?.displayName ?? iface.provider;
  const [rows, labels, index] = await Promise.all([
    db
      .select()
      .from(codeMappings)
      .where(and(eq(codeMappings.practiceId, practiceId), eq(codeMappings.interfaceId, interfaceId))),
    scopeLabels(db, practiceId),
    referenceIndex(db, practiceId, interfaceId),
  ]);
  const order = ['default', 'office', 'department', 'job_type', 'task', 'category', 'tax_class'];
  return rows
    .sort((a, b) => order.indexOf(a.scope) - order.indexOf(b.scope) || a.scopeKey.localeCompare(b.scopeKey))
    .map((r) => ({
      id: r.id,
      scope: r.scope,
      scopeKey: r.scopeKey,
      label: `${SCOPE_NAMES[r.scope]}: ${labels.get(`${r.scope}:${r.scopeKey}`) ?? r.scopeKey}`,
      accountCode: r.accountCode,
      taxCode: r.taxCode,
      trackingOption: r.trackingOption,
      problems: [
        r.accountCode ? checkAccount(index, r.accountCode, provider) : null,
        r.taxCode ? checkTax(index, r.taxCode, r.accountCode, provider) : null,
        r.trackingOption ? checkTracking(index, r.trackingOption, provider) : null,
      ].flatMap((p) => (p ? [p.message] : [])),
    }));
}

/**
 * Saves rules (upsert by scope and key; a rule with no codes is removed). Every code is checked against
 * the ledger's reference data first; one bad code refuses the whole save, naming the field.
 */
export async function saveMappings(
  db: Db,
  auth: Auth,
  interfaceId: string,
  input: MappingInput[],
): Promise<Mapping[]> {
  const iface = await getInterfaceRow(db, auth.practiceId, interfaceId);
  const provider = manifestOf(iface.provider)?.displayName ?? iface.provider;
  const [index, labels] = await Promise.all([
    referenceIndex(db, auth.practiceId, interfaceId),
    scopeLabels(db, auth.practiceId),
  ]);
  const problems: Record<string, string> = {};
  input.forEach((m, i) => {
    if (m.scope === 'default' && m.scopeKey !== '')
      problems[`mappings.${i}.scopeKey`] = 'must be empty for the default rule';
    else if (m.scope !== 'default' && !labels.has(`${m.scope}:${m.scopeKey}`)) {
      problems[`mappings.${i}.scopeKey`] = `no such ${SCOPE_NAMES[m.scope].toLowerCase()} in this practice`;
    }
    const found = [
      m.accountCode ? checkAccount(index, m.accountCode, provider) : null,
      m.taxCode ? checkTax(index, m.taxCode, m.accountCode, provider) : null,
      m.trackingOption ? checkTracking(index, m.trackingOption, provider) : null,
    ];
    for (const p of found) if (p) problems[`mappings.${i}.${p.field}`] = p.message;
  });
  if (Object.keys(problems).length) {
    throw badRequest(
      'invalid_mapping',
      'Some mappings use codes the ledger does not accept; nothing was saved.',
      problems,
    );
  }
  await db.transaction(async (tx) => {
    for (const m of input) {
      const where = and(
        eq(codeMappings.interfaceId, interfaceId),
        eq(codeMappings.scope, m.scope),
        eq(codeMappings.scopeKey, m.scopeKey),
      );
      const [before] = await tx.select().from(codeMappings).where(where);
      const empty = !m.accountCode && !m.taxCode && !m.trackingOption;
      if (empty) {
        if (before) await tx.delete(codeMappings).where(where);
      } else {
        const values = {
          accountCode: m.accountCode,
          taxCode: m.taxCode,
          trackingOption: m.trackingOption,
          updatedAt: new Date(),
        };
        await tx
          .insert(codeMappings)
          .values({
            practiceId: auth.practiceId,
            interfaceId,
            scope: m.scope,
            scopeKey: m.scopeKey,
            ...values,
          })
          .onConflictDoUpdate({
            target: [codeMappings.interfaceId, codeMappings.scope, codeMappings.scopeKey],
            set: values,
          });
      }
      const old = before
        ? { accountCode: before.accountCode, taxCode: before.taxCode, trackingOption: before.trackingOption }
        : null;
      const next = empty
        ? null
        : { accountCode: m.accountCode, taxCode: m.taxCode, trackingOption: m.trackingOption };
      if (JSON.stringify(old) !== JSON.stringify(next)) {
        await recordAudit(tx, auth, {
          action: empty ? 'mapping.removed' : before ? 'mapping.changed' : 'mapping.added',
          entity: 'mapping',
          entityId: `${interfaceId}:${m.scope}:${m.scopeKey}`,
          oldValue: old,
          newValue: next,
        });
      }
    }
  });
  return listMappings(db, auth.practiceId, interfaceId);
}

export async function ruleBookFor(
  db: Db,
  practiceId: string,
  interfaceId: string,
  options: InterfaceOptions,
): Promise<RuleBook> {
  const rows = await db
    .select()
    .from(codeMappings)
    .where(and(eq(codeMappings.practiceId, practiceId), eq(codeMappings.interfaceId, interfaceId)));
  return new RuleBook(rows as Rule[], {
    accountCode: options.defaultAccountCode,
    taxCode: options.defaultTaxCode,
  });
}

/** Combinations found on committed invoices of this interface's offices that resolve to no account or no tax code. */
export async function unmappedCombinations(
  db: Db,
  practiceId: string,
  interfaceId: string,
): Promise<UnmappedCombination[]> {
  const iface = await getInterfaceRow(db, practiceId, interfaceId);
  const book = await ruleBookFor(db, practiceId, interfaceId, iface.options as InterfaceOptions);
  const officeRows = await db.select().from(offices).where(eq(offices.practiceId, practiceId));
  const settings = await db
    .select()
    .from(invoiceSettings)
    .where(and(eq(invoiceSettings.practiceId, practiceId), eq(invoiceSettings.interfaceId, interfaceId)));
  const servedOffices = officeRows.filter((o) => settings.some((s) => s.id === o.invoiceSettingId));
  if (!servedOffices.length) return [];
  const rows = await db
    .select({
      officeId: invoices.officeId,
      invoiceAccount: invoices.accountCodeOverride,
      invoiceTax: invoices.taxCodeOverride,
      category: invoiceLines.category,
      taxClassId: invoiceLines.taxClassId,
      taskId: invoiceLines.taskId,
      lineAccount: invoiceLines.accountCodeOverride,
      lineTax: invoiceLines.taxCodeOverride,
      departmentId: jobs.departmentId,
      jobTypeId: jobs.jobTypeId,
    })
    .from(invoiceLines)
    .innerJoin(invoices, eq(invoices.id, invoiceLines.invoiceId))
    .leftJoin(jobs, eq(jobs.id, invoices.jobId))
    .where(
      and(
        eq(invoices.practiceId, practiceId),
        eq(invoices.status, 'committed'),
        inArray(
          invoices.officeId,
          servedOffices.map((o) => o.id),
        ),
      ),
    );
  const classes = await db.select().from(taxClasses).where(eq(taxClasses.practiceId, practiceId));
  const combos = new Map<string, UnmappedCombination>();
  for (const r of rows) {
    const ctx: LineContext = {
      officeId: r.officeId,
      departmentId: r.departmentId,
      jobTypeId: r.jobTypeId,
      taskId: r.taskId,
      category: r.category,
      taxClassId: r.taxClassId,
      lineAccountOverride: r.lineAccount,
      lineTaxOverride: r.lineTax,
      invoiceAccountOverride: r.invoiceAccount,
      invoiceTaxOverride: r.invoiceTax,
    };
    const missing: ('account' | 'tax')[] = [];
    if (!book.account(ctx).code) missing.push('account');
    if (!book.tax(ctx).code) missing.push('tax');
    if (!missing.length) continue;
    const key = `${r.officeId}|${r.category}|${r.taxClassId}|${missing.join()}`;
    const combo = combos.get(key) ?? {
      officeName: officeRows.find((o) => o.id === r.officeId)?.name ?? '',
      category: CATEGORY_NAMES[r.category],
      taxClass: classes.find((c) => c.id === r.taxClassId)?.name ?? '',
      lines: 0,
      missing,
    };
    combo.lines++;
    combos.set(key, combo);
  }
  return [...combos.values()].sort((a, b) => b.lines - a.lines);
}
