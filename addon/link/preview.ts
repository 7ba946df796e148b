// The preview: before anything is sent, each invoice as the accounts file will receive it (its accounts
// file, every line's codes and where they came from, contact and job, the totals the ledger will compute)
// and every problem. Errors block an invoice; warnings do not.

import { and, eq } from 'drizzle-orm';
import { connections } from '../../db/schema.ts';
import { isConnectorError } from '../connectors/errors.ts';
import { manifestOf } from '../connectors/registry.ts';
import { missingScopes, missingScopesMessage } from '../connectors/scopes.ts';
import type {
  ContactResolution,
  InterfaceOptions,
  JobResolution,
  LedgerInvoice,
  LedgerLine,
} from '../connectors/types.ts';
import { CATEGORY_NAMES } from '../contract/categories.ts';
import type { Preview, PreviewInvoice, Problem } from '../contract/link.ts';
import {
  computeLine,
  formatCents,
  type InvoiceTotals,
  invoiceRoundedTotals,
  parseDecimal,
  RATE_SCALE,
  sumLines,
  type TaxedAmount,
} from '../domain/money.ts';
import { checkAccount, checkTax, checkTracking } from './code-checks.ts';
import type { InterfaceRow, LinkDeps } from './deps.ts';
import { exportOptionsOf, exportSettingsView } from './file-options.ts';
import { type Loaded, loadInvoices } from './load.ts';
import { ruleBookFor } from './mappings.ts';
import { referenceIndex } from './reference.ts';

export interface PreviewResult {
  preview: Preview;
  /** What will be sent, for each invoice without errors. */
  ready: Map<string, LedgerInvoice>;
}

const negate = (value: string) =>
  value.startsWith('-') ? value.slice(1) : value === '0' ? value : `-${value}`;

export async function buildPreview(
  deps: LinkDeps,
  iface: InterfaceRow,
  invoiceIds: string[],
  { remote }: { remote: boolean },
): Promise<PreviewResult> {
  const { practiceId } = iface;
  const manifest = deps.manifests?.[iface.provider] ?? manifestOf(iface.provider);
  const provider = manifest?.displayName ?? iface.provider;
  const options = iface.options as InterfaceOptions;
  const loaded = await loadInvoices(deps.db, practiceId, iface.id, invoiceIds);
  const template = deps.fileTemplates[iface.provider];
  const exportOpts = exportOptionsOf(iface);
  const empty: Preview = {
    interfaceId: iface.id,
    ...(template ? { exportSettings: exportSettingsView(template, exportOpts) } : {}),
    invoices: [],
    summary: { ready: 0, blocked: 0, warnings: 0, total: '0.00', totals: [] },
  };
  if (!loaded) return { preview: empty, ready: new Map() };
  const [book, index] = await Promise.all([
    ruleBookFor(deps.db, practiceId, iface.id, options),
    referenceIndex(deps.db, practiceId, iface.id),
  ]);
  const drafts = loaded.invoices.map((invoice) =>
    draftInvoice(deps, iface, loaded, invoice, book, index, provider, manifest?.taxRounding ?? 'line'),
  );

  // Contacts and jobs: ask the ledger (without creating anything) what each will match.
  const apiConnector = deps.apiConnectors[iface.provider];
  const contactResults = new Map<string, ContactResolution>();
  const jobResults = new Map<string, JobResolution>();
  const shared: Problem[] = [];
  if (apiConnector) {
    if (iface.status !== 'connected' || !iface.tenantId) {
      shared.push({
        severity: 'error',
        code: iface.status === 'reconnect_needed' ? 'reconnect_needed' : 'not_connected',
        message:
          iface.status === 'reconnect_needed'
            ? `The connection to ${provider} needs to be renewed: choose Reconnect on the interface's connection page.`
            : `${iface.displayName} is not connected to ${provider} yet: choose Connect on its connection page.`,
      });
    } else {
      // An option that needs a permission the connection was not granted: say so before anything is sent.
      const granted = await grantedScopes(deps, practiceId, iface.id);
      const missing = granted ? missingScopes(iface.provider, granted, options) : [];
      if (missing.length) {
        shared.push({
          severity: 'error',
          code: 'scope_missing',
          message: missingScopesMessage(missing)!,
        });
      }
    }
    if (remote && iface.status === 'connected' && iface.tenantId && apiConnector) {
      try {
        const runtime = await deps.runtimeFor(iface);
        const contacts = uniqueBy(
          drafts.map((d) => d.ledger.contact),
          (c) => c.clientCode,
        );
        const create = options.contactPolicy === 'create';
        for (const r of await apiConnector.resolveContacts(runtime, contacts, { create, dryRun: true }))
          contactResults.set(r.clientCode, r);
        const jobsToCheck = uniqueBy(
          drafts.flatMap((d) => (d.ledger.job ? [d.ledger.job] : [])),
          (j) => j.code,
        );
        if (jobsToCheck.length && (options.jobTrackingCategory || options.createJobs)) {
          const results = await apiConnector.resolveJobs(runtime, jobsToCheck, {
            create: options.createJobs ?? false,
            dryRun: true,
          });
          for (const r of results) jobResults.set(r.code, r);
        }
      } catch (err) {
        const message = isConnectorError(err) ? err.message : 'an unexpected error';
        shared.push({
          severity: 'error',
          code: 'ledger_unreachable',
          message: `Could not check contacts in ${provider}: ${message}`,
        });
      }
    }
  }

  // Import files: each package's own limits, with the interface's export settings (the export uses the same).
  const fileProblems = template
    ? template.validate(
        drafts.map((d) => d.ledger),
        exportOpts,
      )
    : [];

  const invoicesOut: PreviewInvoice[] = [];
  const ready = new Map<string, LedgerInvoice>();
  for (const d of drafts) {
    const problems = [...shared, ...d.problems];
    const contact = contactResults.get(d.ledger.contact.clientCode);
    if (contact) problems.push(...contactProblems(contact, d.ledger.contact.name, options, provider));
    const job = d.ledger.job ? jobResults.get(d.ledger.job.code) : undefined;
    if (job && (job.status === 'unmatched' || job.status === 'archived')) {
      problems.push({ severity: 'warning', code: `job_${job.status}`, message: job.message });
    }
    for (const p of fileProblems) {
      if (p.invoiceId === d.ledger.invoiceId || p.invoiceId === null) {
        problems.push({ severity: p.severity, code: p.code, message: p.message, field: p.field });
      }
    }
    if (
      d.ledger.kind === 'credit' &&
      apiConnector &&
      manifest &&
      !manifest.capabilities.includes('creditNotes.push')
    ) {
      problems.push({
        severity: 'error',
        code: 'credit_not_supported',
        message: `${provider} does not take credit notes from this add-on: enter this credit by hand.`,
      });
    }
    const isReady = !problems.some((p) => p.severity === 'error');
    if (isReady) ready.set(d.ledger.invoiceId, d.ledger);
    invoicesOut.push({
      invoiceId: d.ledger.invoiceId,
      number: d.ledger.number,
      kind: d.ledger.kind,
      clientName: d.ledger.contact.name,
      currency: d.ledger.currency,
      total: formatCents(d.signedTotal),
      tax: formatCents(d.signedTax),
      ledgerTotal: d.ledgerTotals ? formatCents(d.ledgerTotals.total) : null,
      ledgerTax: d.ledgerTotals ? formatCents(d.ledgerTotals.tax) : null,
      contact: contactView(contact, d.ledger.contact.externalId !== undefined, d.ledger.contact.name),
      job: d.ledger.job
        ? {
            status: job?.status ?? (d.ledger.job.externalId ? 'linked' : 'unchecked'),
            name: d.ledger.job.code,
          }
        : null,
      lines: d.previewLines,
      problems,
      ready: isReady,
    });
  }
  const total = drafts.reduce((sum, d) => sum + d.signedTotal, 0n);
  // Never one figure across currencies: NZD invoices are not added into the AUD total.
  const byCurrency = new Map<string, bigint>();
  for (const d of drafts) {
    byCurrency.set(d.ledger.currency, (byCurrency.get(d.ledger.currency) ?? 0n) + d.signedTotal);
  }
  return {
    preview: {
      interfaceId: iface.id,
      ...(template ? { exportSettings: exportSettingsView(template, exportOpts) } : {}),
      invoices: invoicesOut,
      summary: {
        ready: ready.size,
        blocked: invoicesOut.length - ready.size,
        warnings: invoicesOut.filter((i) => i.problems.some((p) => p.severity === 'warning')).length,
        total: formatCents(total),
        totals: [...byCurrency]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([currency, cents]) => ({ currency, total: formatCents(cents) })),
      },
    },
    ready,
  };
}

function draftInvoice(
  deps: LinkDeps,
  iface: InterfaceRow,
  loaded: Loaded,
  invoice: Loaded['invoices'][number],
  book: Awaited<ReturnType<typeof ruleBookFor>>,
  index: Awaited<ReturnType<typeof referenceIndex>>,
  provider: string,
  taxRounding: 'line' | 'invoice',
) {
  const problems: Problem[] = [];
  const office = loaded.offices.get(invoice.officeId)!;
  const setting = office.invoiceSettingId ? loaded.settings.get(office.invoiceSettingId) : undefined;
  if (!setting) {
    problems.push({
      severity: 'error',
      code: 'office_without_setting',
      message: `Office ${office.name} has no invoice setting, so it posts to no accounts file.`,
    });
  } else if (setting.interfaceId !== iface.id) {
    problems.push({
      severity: 'error',
      code: 'other_accounts_file',
      message: `Office ${office.name} posts through invoice setting "${setting.name}" to another accounts file, not ${iface.displayName}.`,
    });
  }
  if (invoice.status !== 'committed') {
    problems.push({
      severity: 'error',
      code: 'not_committed',
      message: `Invoice ${invoice.number} is a draft: commit it in Abtrac first.`,
    });
  }
  const client = loaded.clients.get(invoice.clientId)!;
  const job = invoice.jobId ? loaded.jobs.get(invoice.jobId) : undefined;
  const isCredit = invoice.totalCents < 0n;
  const sign = isCredit ? -1n : 1n;
  const lines: LedgerLine[] = [];
  const previewLines: PreviewInvoice['lines'] = [];
  const ledgerLineAmounts = [];
  const ledgerTaxed: TaxedAmount[] = [];
  let ledgerComparable = index.pulledKinds.has('taxRates');
  for (const line of loaded.lines.get(invoice.id) ?? []) {
    const taxClass = loaded.taxClasses.get(line.taxClassId)!;
    const ctx = {
      officeId: invoice.officeId,
      departmentId: job?.departmentId ?? null,
      jobTypeId: job?.jobTypeId ?? null,
      taskId: line.taskId,
      category: line.category,
      taxClassId: line.taxClassId,
      lineAccountOverride: line.accountCodeOverride,
      lineTaxOverride: line.taxCodeOverride,
      invoiceAccountOverride: invoice.accountCodeOverride,
      invoiceTaxOverride: invoice.taxCodeOverride,
    };
    const account = book.account(ctx);
    const tax = book.tax(ctx);
    const tracking = book.tracking(ctx);
    const what = `${CATEGORY_NAMES[line.category]} lines taxed ${taxClass.name} in office ${office.name}`;
    if (!account.code) {
      problems.push({
        severity: 'error',
        code: 'no_account',
        message: `No account is mapped for ${what}: choose one in Mappings.`,
        field: `lines.${line.position}`,
      });
    } else {
      const p = checkAccount(index, account.code, provider);
      if (p)
        problems.push({
          severity: 'error',
          code: p.code,
          message: `${p.message} Choose another account for ${what} in Mappings.`,
          field: `lines.${line.position}`,
        });
    }
    if (!tax.code) {
      problems.push({
        severity: 'error',
        code: 'no_tax',
        message: `No tax rate is mapped for ${what}: choose one in Mappings.`,
        field: `lines.${line.position}`,
      });
    } else {
      const p = checkTax(index, tax.code, account.code, provider);
      if (p)
        problems.push({
          severity: 'error',
          code: p.code,
          message: `${p.message} Fix the mapping for ${what} in Mappings.`,
          field: `lines.${line.position}`,
        });
    }
    if (tracking.code) {
      const p = checkTracking(index, tracking.code, provider);
      if (p)
        problems.push({
          severity: 'error',
          code: p.code,
          message: p.message,
          field: `lines.${line.position}`,
        });
    }
    // The ledger computes tax with its own rate: if that differs from Abtrac's, totals cannot match.
    const ledgerRate = tax.code ? index.taxRates.get(tax.code) : undefined;
    if (ledgerRate) {
      const theirs = computeLine(
        { quantity: line.quantity, unitPrice: line.unitPrice, taxRatePercent: ledgerRate.ratePercent },
        invoice.taxMode,
      );
      ledgerLineAmounts.push(theirs);
      ledgerTaxed.push({
        amountCents: invoice.taxMode === 'exclusive' ? theirs.netCents : theirs.grossCents,
        taxRatePercent: ledgerRate.ratePercent,
      });
      if (theirs.taxCents !== line.taxCents) {
        problems.push({
          severity: 'error',
          code: 'tax_rate_mismatch',
          message: `${taxClass.name} (${taxClass.ratePercent}%) is mapped to ${ledgerRate.name} at ${Number(ledgerRate.ratePercent)}% in ${provider}: the tax on "${line.description}" would be ${formatCents(theirs.taxCents)} there instead of ${formatCents(line.taxCents)}. Map a tax rate with the same percentage.`,
          field: `lines.${line.position}`,
        });
      }
    } else {
      ledgerComparable = false;
    }
    lines.push({
      description: line.description,
      quantity: isCredit ? negate(line.quantity) : line.quantity,
      unitPrice: line.unitPrice,
      accountCode: account.code ?? '',
      taxCode: tax.code ?? '',
      // The package's own name for the mapped rate: from its code list when one was pulled or uploaded, else the
      // mapped value itself (a file interface's mapping holds the package's code or name). Never Abtrac's own
      // tax-class name, which no package knows.
      taxName: ledgerRate?.name ?? tax.code ?? '',
      taxRatePercent: taxClass.ratePercent,
      netCents: sign * line.netCents,
      taxCents: sign * line.taxCents,
      grossCents: sign * line.grossCents,
      trackingOption: tracking.code ?? undefined,
      category: line.category,
    });
    previewLines.push({
      description: line.description,
      net: formatCents(line.netCents),
      tax: formatCents(line.taxCents),
      accountCode: account.code,
      accountSource: account.source,
      taxCode: tax.code,
      taxSource: tax.source,
      trackingOption: tracking.code,
    });
  }
  const options = iface.options as InterfaceOptions;
  const clientLink = loaded.clientLinks.get(client.id);
  const jobLink = job ? loaded.jobLinks.get(job.id) : undefined;
  let ledgerTotals: InvoiceTotals | undefined;
  if (ledgerComparable && taxRounding === 'invoice') {
    const settled = settleInvoiceRounding(invoice, ledgerTaxed, options, index, provider);
    ledgerTotals = settled.totals;
    problems.push(...settled.problems);
    if (settled.line) previewLines.push(settled.line);
  } else if (ledgerComparable) {
    ledgerTotals = sumLines(ledgerLineAmounts);
  }
  const ledger: LedgerInvoice = {
    invoiceId: invoice.id,
    version: invoice.version,
    kind: isCredit ? 'credit' : 'invoice',
    number: invoice.number,
    date: invoice.invoiceDate,
    dueDate: invoice.dueDate,
    currency: invoice.currency,
    taxMode: invoice.taxMode,
    reference: invoice.reference ?? undefined,
    url: `${deps.publicUrl}/invoices/${invoice.id}`,
    contact: {
      externalId: clientLink?.externalId,
      clientCode: client.clientCode,
      name: client.name,
      email: client.email ?? undefined,
      address: {
        line1: client.addressLine1 ?? undefined,
        line2: client.addressLine2 ?? undefined,
        city: client.city ?? undefined,
        region: client.region ?? undefined,
        postcode: client.postcode ?? undefined,
        country: client.country ?? undefined,
      },
    },
    job: job
      ? {
          code: job.code,
          name: job.name,
          externalId: jobLink?.externalId,
          trackingCategory: options.jobTrackingCategory,
          trackingOption: jobLink?.externalName ?? undefined,
        }
      : undefined,
    lines,
    subtotalCents: sign * invoice.subtotalCents,
    taxCents: sign * invoice.taxCents,
    totalCents: sign * invoice.totalCents,
  };
  return {
    ledger,
    problems,
    previewLines,
    signedTotal: invoice.totalCents,
    signedTax: invoice.taxCents,
    ledgerTotals: ledgerTotals ? { total: ledgerTotals.totalCents, tax: ledgerTotals.taxCents } : undefined,
  };
}

/**
 * A ledger that rounds tax once per invoice (MYOB, docs/platforms/myob.md "How MYOB computes tax"): its own
 * totals, and where they differ from Abtrac's, the rounding line the interface options add (shown in the
 * preview with the reason) or a warning that the ledger's total will differ.
 */
function settleInvoiceRounding(
  invoice: Loaded['invoices'][number],
  taxed: TaxedAmount[],
  options: InterfaceOptions,
  index: Awaited<ReturnType<typeof referenceIndex>>,
  provider: string,
): { totals: InvoiceTotals; problems: Problem[]; line?: PreviewInvoice['lines'][number] } {
  const theirs = invoiceRoundedTotals(taxed, invoice.taxMode);
  const difference = invoice.totalCents - theirs.totalCents;
  const why = `${provider} rounds the tax once per invoice (${formatCents(theirs.taxCents)}), Abtrac per line (${formatCents(invoice.taxCents)})`;
  if (difference === 0n) {
    // Inclusive invoices: the same total, a cent of tax moved into the net amount.
    const problems: Problem[] =
      theirs.taxCents === invoice.taxCents
        ? []
        : [
            {
              severity: 'warning',
              code: 'ledger_tax_differs',
              message: `The total is the same in ${provider}, but ${why}: its tax and net amounts will each differ from Abtrac's by ${formatCents(abs(theirs.taxCents - invoice.taxCents))}.`,
            },
          ];
    return { totals: theirs, problems };
  }
  const { roundingAccountCode: account, roundingTaxCode: tax } = options;
  if (!account || !tax) {
    return {
      totals: theirs,
      problems: [
        {
          severity: 'warning',
          code: 'ledger_total_differs',
          message: `${provider} will total ${formatCents(theirs.totalCents)}, Abtrac ${formatCents(invoice.totalCents)}: ${why}. Choose a rounding account and a no-tax code in the interface options to add a rounding line, or a payment of Abtrac's total will leave it part-paid.`,
        },
      ],
    };
  }
  const problems: Problem[] = [];
  const accountProblem = index.pulled ? checkAccount(index, account, provider, { anyClass: true }) : null;
  if (accountProblem) {
    problems.push({
      severity: 'error',
      code: accountProblem.code,
      message: `${accountProblem.message} Choose another rounding account in the interface options.`,
      field: 'options.roundingAccountCode',
    });
  }
  const rate = index.taxRates.get(tax);
  if (rate?.status !== 'active' || parseDecimal(rate.ratePercent, RATE_SCALE) !== 0n) {
    problems.push({
      severity: 'error',
      code: 'rounding_tax_invalid',
      message: `The rounding tax code ${tax} must be an active 0% code in ${provider} (e.g. N-T): choose another in the interface options.`,
      field: 'options.roundingTaxCode',
    });
  }
  return {
    totals: { ...theirs, subtotalCents: theirs.subtotalCents + difference, totalCents: invoice.totalCents },
    problems,
    line: {
      description: `Rounding: ${why}`,
      net: formatCents(difference),
      tax: '0.00',
      accountCode: account,
      accountSource: 'rounding option',
      taxCode: tax,
      taxSource: 'rounding option',
      trackingOption: null,
    },
  };
}

const abs = (n: bigint) => (n < 0n ? -n : n);

/** The scopes the platform granted this interface's connection; undefined when it has no stored connection. */
async function grantedScopes(deps: LinkDeps, practiceId: string, interfaceId: string) {
  const [row] = await deps.db
    .select({ scopes: connections.scopes })
    .from(connections)
    .where(and(eq(connections.practiceId, practiceId), eq(connections.interfaceId, interfaceId)));
  return row?.scopes ? row.scopes.split(' ') : undefined;
}

function contactProblems(
  r: ContactResolution,
  name: string,
  options: InterfaceOptions,
  provider: string,
): Problem[] {
  switch (r.status) {
    case 'unmatched':
      return [
        {
          severity: 'error',
          code: 'contact_unmatched',
          message:
            options.contactPolicy === 'create'
              ? r.message
              : `${name} has no contact in ${provider} and this interface only matches existing contacts: create the contact in ${provider}, or allow creating contacts in the interface settings.`,
        },
      ];
    case 'near_match':
      return [{ severity: 'error', code: 'contact_near_match', message: r.message }];
    case 'archived':
      return [{ severity: 'error', code: 'contact_archived', message: r.message }];
    default:
      return [];
  }
}

function contactView(r: ContactResolution | undefined, linked: boolean, name: string) {
  if (!r) return { status: linked ? 'linked' : 'unchecked', name: null, message: null };
  if (r.status === 'will_create') return { status: r.status, name, message: null };
  if ('externalName' in r)
    return { status: r.status, name: r.externalName, message: 'message' in r ? r.message : null };
  return { status: r.status, name: null, message: 'message' in r ? r.message : null };
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}
