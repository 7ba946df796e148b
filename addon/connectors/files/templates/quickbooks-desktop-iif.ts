// QuickBooks Desktop (US) IIF invoice and credit memo import: File > Utilities > Import > IIF Files.
// Header rows: Intuit's IIF Import Kit invoice example (samples/quickbooks-desktop-intuit-kit-invoice-example.iif),
// plus DUEDATE on TRNS and EXTRA on SPL from the kit's "taxable with tax" variant (import-formats.md §2.2).
// Signs: TRNS posts the total to A/R, each SPL posts minus its net to income, a final AUTOSTAX SPL posts minus the
// sales tax, so every transaction sums to zero. A CREDIT MEMO mirrors the signs [Derived, unverified; §2.3].
import { defineFileTemplate } from '../define-template.ts';
import { creditSign, money, negateDecimal, netQuantityAndPrice, percent } from '../helpers.ts';
import type { ProblemDraft } from '../types.ts';
import {
  customerJob,
  iifAddressLine3,
  iifColumns,
  iifHeaderRows,
  iifItem,
  iifItemSettings,
  iifTransaction,
  quickBooksNameRules,
  trnsType,
} from './iif-records.ts';

const TRNS = iifColumns(
  'TRNS',
  [
    'TRNSID',
    'TRNSTYPE',
    'DATE',
    'ACCNT',
    'NAME',
    'CLASS',
    'AMOUNT',
    'DOCNUM',
    'MEMO',
    'CLEAR',
    'TOPRINT',
    'NAMEISTAXABLE',
    'ADDR1',
    'ADDR3',
    'TERMS',
    'SHIPVIA',
    'SHIPDATE',
    'DUEDATE',
  ],
  {
    DATE: { kind: 'date' },
    ACCNT: { kind: 'code', label: 'accounts receivable account', required: true },
    NAME: { kind: 'text', label: 'customer', source: 'contact.name', required: true },
    AMOUNT: { kind: 'amount' },
    // Legacy exporters keep invoice numbers to 10 digits (peers.md §1.8); QuickBooks' number field holds 11.
    DOCNUM: { kind: 'text', label: 'invoice number', source: 'number', required: true, max: 11 },
    MEMO: { kind: 'text', label: 'reference', source: 'reference', max: 4095, overflow: 'truncate' },
    ADDR1: { kind: 'text', source: 'contact.address.line1', max: 41, overflow: 'truncate' },
    ADDR3: { kind: 'text', source: 'contact.address.city', max: 41, overflow: 'truncate' },
    DUEDATE: { kind: 'date' },
  },
);

const SPL = iifColumns(
  'SPL',
  [
    'SPLID',
    'TRNSTYPE',
    'DATE',
    'ACCNT',
    'NAME',
    'CLASS',
    'AMOUNT',
    'DOCNUM',
    'MEMO',
    'CLEAR',
    'QNTY',
    'PRICE',
    'INVITEM',
    'TAXABLE',
    'OTHER2',
    'YEARTODATE',
    'WAGEBASE',
    'EXTRA',
  ],
  {
    DATE: { kind: 'date' },
    ACCNT: { kind: 'code', label: 'income account', source: 'line.accountCode', required: true },
    NAME: { kind: 'text' },
    AMOUNT: { kind: 'amount' },
    MEMO: { kind: 'text', label: 'description', source: 'line.description', max: 4095, overflow: 'truncate' },
    QNTY: { kind: 'number' },
    PRICE: { kind: 'amount' },
    INVITEM: { kind: 'code', label: 'item', source: 'line.category', required: true },
  },
);

export const quickbooksDesktopIif = defineFileTemplate(
  {
    id: 'quickbooks-desktop-iif',
    displayName: 'QuickBooks Desktop (IIF)',
    docs: [
      'import-formats.md §2',
      'samples/quickbooks-desktop-intuit-kit-invoice-example.iif',
      'http://support.quickbooks.intuit.com/support/Pages/InProductHelp/Core/QB2K8/ContentPackage/Core/IIF/iif_reference_transactions.html',
      'https://quickbooks.intuit.com/learn-support/en-us/help-article/list-management/iif-overview-import-kit-sample-files-headers/L5CZIpJne_US_en_US',
      'NewPath-Consulting/quickbooks-for-wildapricot: general-iif-requirements-and-behavior.md',
    ],
  },
  {
    fileStem: 'quickbooks-desktop-invoices',
    extension: 'iif',
    contentType: 'application/octet-stream',
    delimiter: '\t',
    recordDelimiter: '\r\n',
    // Intuit calls IIF "ASCII text"; QuickBooks Desktop is a Windows program that stores names in the ANSI code page,
    // so names with accents are written in Windows-1252 rather than stripped (stripping them would create
    // duplicate customers), and a character outside it is refused (docs/platforms/quickbooks-desktop.md).
    encoding: 'windows-1252',
    bom: false,
    quoting: 'none',
    // QuickBooks reads the IIF file itself; no spreadsheet in between.
    spreadsheet: false,
    // "The date is always in MM/DD/YY format" (Intuit); four-digit years avoid century guessing (Reckon, §3.1).
    dateFormat: 'MM/DD/YYYY',
    headerRows: iifHeaderRows(TRNS, SPL),
    columns: TRNS,
    rows: (inv, ctx) => {
      const sign = creditSign(inv);
      const taxable = inv.lines.filter((l) => l.taxCents !== 0n);
      const taxLine = taxable[0] ?? inv.lines[0];
      // Written out in every record rather than spread from a shared object: V8 builds `{ ...common, more }`
      // through a slow generic path, which cost more than the rest of the export together.
      const type = trnsType(inv);
      const date = ctx.date(inv.date);
      return iifTransaction(
        ctx,
        TRNS,
        SPL,
        {
          TRNSTYPE: type,
          DATE: date,
          CLEAR: 'N',
          ACCNT: ctx.settings.arAccount,
          NAME: customerJob(inv),
          AMOUNT: money(sign * inv.totalCents),
          DOCNUM: inv.number,
          MEMO: inv.reference,
          TOPRINT: 'N',
          NAMEISTAXABLE: taxable.length > 0 ? 'Y' : 'N',
          ADDR1: inv.contact.address.line1,
          ADDR3: iifAddressLine3(inv),
          DUEDATE: ctx.date(inv.dueDate),
        },
        inv.lines.map((line) => {
          const { quantity, price } = netQuantityAndPrice(inv, line);
          return {
            TRNSTYPE: type,
            DATE: date,
            CLEAR: 'N',
            ACCNT: line.accountCode,
            AMOUNT: money(-sign * line.netCents),
            MEMO: line.description,
            // Income lines carry negative quantities on an invoice (QNTY = -1 with a positive PRICE, §2.3).
            QNTY: inv.kind === 'credit' ? quantity : negateDecimal(quantity),
            PRICE: price,
            INVITEM: iifItem(line, ctx),
            TAXABLE: line.taxCents !== 0n ? 'Y' : 'N',
            YEARTODATE: '0',
            WAGEBASE: '0',
          };
        }),
        // "Even if all items are non-taxable, the SPL line item for tax is required (if Sales Tax is enabled)";
        // "IIF import does not calculate taxes" (§2.3): one AUTOSTAX line carrying our computed tax.
        [
          {
            TRNSTYPE: type,
            DATE: date,
            CLEAR: 'N',
            ACCNT: ctx.settings.salesTaxAccount,
            NAME: ctx.settings.taxAgency,
            AMOUNT: money(-sign * inv.taxCents),
            PRICE: taxLine ? percent(taxLine.taxRatePercent) : '0%',
            INVITEM: taxLine?.taxName,
            TAXABLE: 'N',
            YEARTODATE: '0',
            WAGEBASE: '0',
            EXTRA: 'AUTOSTAX',
          },
        ],
      );
    },
    limits: {},
    // IIF transactions carry no currency.
    currency: 'base-only',
    defaultBaseCurrency: 'USD',
    uncertain: [
      "Credit memos mirror the invoice's signs; Intuit's kit shows only invoices.",
      'Whether QuickBooks needs the tax agency on the sales-tax line is not documented.',
    ],
    creditNote: { how: 'TRNSTYPE CREDIT MEMO with mirrored signs' },
    settings: {
      arAccount: {
        label: 'Accounts Receivable account',
        default: 'Accounts Receivable',
        help: 'The account name exactly as in your Chart of Accounts.',
      },
      salesTaxAccount: {
        label: 'Sales Tax Payable account',
        default: 'Sales Tax Payable',
        help: 'The account name exactly as in your Chart of Accounts.',
      },
      taxAgency: {
        label: 'Sales tax agency (vendor)',
        help: 'The vendor you pay sales tax to, as in your Vendor List. Whether QuickBooks needs it on the tax line is not documented; leave it blank if unsure.',
      },
      ...iifItemSettings,
    },
    extraRules: (inv) => {
      const problems: ProblemDraft[] = quickBooksNameRules(inv, 'QuickBooks Desktop');
      const rates = new Set(inv.lines.filter((l) => l.taxCents !== 0n).map((l) => l.taxName));
      // "Mixed rates need SUBT subtotal lines and EXTRA=ENDGRP" (§2.3), which this template does not write.
      if (rates.size > 1) {
        problems.push({
          severity: 'error',
          code: 'mixed_sales_tax',
          field: 'lines',
          message: `Invoice ${inv.number} uses several sales tax items (${[...rates].join(', ')}); this QuickBooks Desktop file takes one per invoice. Split the invoice by tax rate.`,
        });
      }
      if (inv.taxMode === 'inclusive') {
        problems.push({
          severity: 'error',
          code: 'inclusive_not_supported',
          field: 'taxMode',
          message: `Invoice ${inv.number} has tax-inclusive prices; QuickBooks Desktop (US) adds sales tax on top. Change it to tax-exclusive prices.`,
        });
      }
      return problems;
    },
  },
);
