// One validator for every template: it builds each invoice's rows exactly as the renderer would and checks
// every cell against its column's limits, then the format's own file-level rules. Messages tell a person
// what to change in Abtrac (or in the export settings) before exporting again.
import type { LedgerInvoice } from '../types.ts';
import { isIsoDate, makeContext } from './helpers.ts';
import { looksLikeFormula, unencodable } from './text.ts';
import type {
  BoundCell,
  BoundRow,
  Column,
  ExportOptions,
  ExportProblem,
  FileFormat,
  ProblemDraft,
  RenderContext,
} from './types.ts';

const show = (value: string): string => (value.length > 40 ? `"${value.slice(0, 37)}..."` : `"${value}"`);

function fieldOf(cell: BoundCell, row: BoundRow): string {
  const source = cell.column.source ?? cell.column.header;
  return row.lineIndex !== undefined && source.startsWith('line.')
    ? `lines[${row.lineIndex}].${source.slice(5)}`
    : source;
}

function labelOf(cell: BoundCell, row: BoundRow): string {
  const label = cell.column.label ?? cell.column.header.replace(/^\*/, '');
  return row.lineIndex !== undefined && cell.column.source?.startsWith('line.')
    ? `${label} on line ${row.lineIndex + 1}`
    : label;
}

/**
 * Adds the problems with one cell to `out`. Runs on every cell of every row while rendering, so the common
 * case (nothing wrong) allocates nothing: field and label text are only built once a problem is found, and
 * `errorsOnly` (the renderer's guard) skips the warning checks.
 */
function checkCell(
  cell: BoundCell,
  row: BoundRow,
  format: FileFormat,
  pkg: string,
  out: ProblemDraft[],
  errorsOnly: boolean,
): void {
  const { column, raw } = cell;
  if (raw === '') {
    if (column.required) {
      out.push({
        severity: 'error',
        code: 'required',
        field: fieldOf(cell, row),
        message: `The ${labelOf(cell, row)} is empty, but ${pkg} needs it. Fill it in and export again.`,
      });
    }
    return;
  }
  // A string no longer than max in UTF-16 units cannot have more than max code points.
  if (column.max !== undefined && raw.length > column.max) {
    const length = [...raw].length;
    const truncate = column.overflow === 'truncate';
    if (length > column.max && !(truncate && errorsOnly)) {
      const label = labelOf(cell, row);
      out.push(
        truncate
          ? {
              severity: 'warning',
              code: 'will_be_shortened',
              field: fieldOf(cell, row),
              message: `The ${label} ${show(raw)} is ${length} characters; ${pkg} keeps ${column.max}, so the file will hold only the first ${column.max}.`,
            }
          : {
              severity: 'error',
              code: 'too_long',
              field: fieldOf(cell, row),
              message: `The ${label} ${show(raw)} is ${length} characters; ${pkg} accepts at most ${column.max}. ${column.tooLongHint ?? 'Shorten it and export again.'}`,
            },
      );
    }
  }
  if (column.pattern && !column.pattern.test(raw)) {
    out.push({
      severity: 'error',
      code: 'invalid_format',
      field: fieldOf(cell, row),
      message: `The ${labelOf(cell, row)} ${show(raw)} is not something ${pkg} accepts: ${column.patternHint ?? 'check its format'}.`,
    });
  }
  if (column.oneOf && !column.oneOf.includes(raw)) {
    out.push({
      severity: 'error',
      code: 'not_allowed',
      field: fieldOf(cell, row),
      message: `The ${labelOf(cell, row)} ${show(raw)} is not one ${pkg} knows. Use one of: ${column.oneOf.join(', ')}.`,
    });
  }
  // A spreadsheet runs text that starts with = + - @ (OWASP CSV injection). The value is written exactly as
  // typed, since the package matches it exactly; where people open the file in a spreadsheet, say so.
  if (!errorsOnly && format.spreadsheet && column.kind !== 'amount' && looksLikeFormula(raw)) {
    out.push({
      severity: 'warning',
      code: 'formula_like',
      field: fieldOf(cell, row),
      message: `The ${labelOf(cell, row)} ${show(raw)} starts with "${raw[0]}", which a spreadsheet may run as a formula. It is written exactly as it is, because ${pkg} matches it exactly: import the file as downloaded, without opening and saving it in a spreadsheet.`,
    });
  }
  if (format.encoding !== 'utf-8' && (column.kind === 'text' || column.kind === 'code')) {
    const misfits = unencodable(raw, format.encoding);
    if (misfits.length > 0) {
      out.push({
        severity: 'error',
        code: 'character_not_supported',
        field: fieldOf(cell, row),
        message: `The ${labelOf(cell, row)} ${show(raw)} contains ${misfits.map((c) => `"${c}"`).join(', ')}, which ${pkg} cannot hold in its ${ENCODING_NAMES[format.encoding]} import files. Change it in Abtrac to characters ${pkg} can store (and the same in ${pkg}), then export again.`,
      });
    }
  }
}

const ENCODING_NAMES = { 'windows-1252': 'Windows-1252 (Western European)', ascii: 'plain ASCII' } as const;

function invoiceBasics(
  inv: LedgerInvoice,
  format: FileFormat,
  ctx: RenderContext,
  pkg: string,
): ProblemDraft[] {
  const problems: ProblemDraft[] = [];
  if (inv.lines.length === 0) {
    problems.push({
      severity: 'error',
      code: 'no_lines',
      field: 'lines',
      message: `Invoice ${inv.number} has no lines; ${pkg} cannot import an empty invoice.`,
    });
  }
  for (const key of ['date', 'dueDate'] as const) {
    if (!isIsoDate(inv[key])) {
      problems.push({
        severity: 'error',
        code: 'invalid_date',
        field: key,
        message: `Invoice ${inv.number} has ${key === 'date' ? 'an invoice' : 'a due'} date "${inv[key]}" that is not a real date.`,
      });
    }
  }
  if (format.currency === 'base-only' && inv.currency.toUpperCase() !== ctx.baseCurrency) {
    problems.push({
      severity: 'error',
      code: 'currency_not_supported',
      field: 'currency',
      message: `Invoice ${inv.number} is in ${inv.currency}, but ${pkg} import files can only carry ${ctx.baseCurrency} amounts. Enter this invoice in ${pkg} by hand.`,
    });
  }
  const rowLimit = format.limits.rowsPerFile;
  if (rowLimit !== undefined && inv.lines.length > rowLimit) {
    problems.push({
      severity: 'error',
      code: 'too_many_lines',
      field: 'lines',
      message: `Invoice ${inv.number} has ${inv.lines.length} lines; ${pkg} imports at most ${rowLimit} lines per file. Combine some lines before exporting.`,
    });
  }
  if (inv.kind === 'credit' && format.creditNote.warning) {
    problems.push({
      severity: 'warning',
      code: 'credit_note',
      field: 'kind',
      message: format.creditNote.warning,
    });
  }
  return problems;
}

interface InvoiceCheck {
  problems: ExportProblem[];
  /** The invoice's rows, or undefined when its dates or lines are too broken to build them. */
  rows: BoundRow[] | undefined;
}

function checkInvoice(
  inv: LedgerInvoice,
  format: FileFormat,
  ctx: RenderContext,
  pkg: string,
  errorsOnly: boolean,
): InvoiceCheck {
  const drafts = invoiceBasics(inv, format, ctx, pkg);
  let rows: BoundRow[] | undefined;
  // Rows can only be built from well-formed dates and lines.
  if (!drafts.some((p) => p.code === 'invalid_date' || p.code === 'no_lines')) {
    rows = format.rows(inv, ctx);
    // Header fields repeat on every line row. Whether a cell has problems depends only on its column and value
    // (the row only names the field), so a value already found clean in a column is not checked again.
    const clean = new Map<Column<never>, string>();
    for (const row of rows) {
      for (const cell of row.cells) {
        if (cell.raw === '' ? !cell.column.required : clean.get(cell.column) === cell.raw) continue;
        const before = drafts.length;
        checkCell(cell, row, format, pkg, drafts, errorsOnly);
        if (drafts.length === before) clean.set(cell.column, cell.raw);
      }
    }
    const extra = format.extraRules?.(inv, ctx);
    if (extra) drafts.push(...extra);
  }
  const kept = errorsOnly ? drafts.filter((p) => p.severity === 'error') : drafts;
  const problems = kept.length === 0 ? [] : dedupe(kept).map((p) => ({ invoiceId: inv.invoiceId, ...p }));
  return { problems, rows };
}

/** Problems for one invoice (used by validate). */
export function invoiceProblems(
  inv: LedgerInvoice,
  format: FileFormat,
  ctx: RenderContext,
  pkg: string,
): ExportProblem[] {
  return checkInvoice(inv, format, ctx, pkg, false).problems;
}

/**
 * The renderer's guard: the invoice's errors (the same ones validate reports, without the warnings) and its
 * rows, built once and then written as they are, so a file holds exactly the rows that were checked.
 */
export function invoiceErrors(
  inv: LedgerInvoice,
  format: FileFormat,
  ctx: RenderContext,
  pkg: string,
): { errors: ExportProblem[]; rows: BoundRow[] | undefined } {
  const { problems, rows } = checkInvoice(inv, format, ctx, pkg, true);
  return { errors: problems, rows };
}

// Header cells repeat on every line row; report each fault once.
function dedupe(drafts: ProblemDraft[]): ProblemDraft[] {
  const seen = new Set<string>();
  return drafts.filter((p) => {
    const key = `${p.code}|${p.field}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function settingProblems(format: FileFormat, opts: ExportOptions, pkg: string): ExportProblem[] {
  const problems: ExportProblem[] = [];
  for (const [key, spec] of Object.entries(format.settings ?? {})) {
    const value = opts.settings?.[key] ?? spec.default ?? '';
    if (spec.required && value === '') {
      problems.push({
        invoiceId: null,
        severity: 'error',
        code: 'setting_required',
        field: `settings.${key}`,
        message: `Set "${spec.label}" in the ${pkg} export settings before exporting.`,
      });
    } else if (spec.oneOf && value !== '' && !spec.oneOf.includes(value)) {
      problems.push({
        invoiceId: null,
        severity: 'error',
        code: 'setting_invalid',
        field: `settings.${key}`,
        message: `"${spec.label}" is "${value}"; ${pkg} accepts one of: ${spec.oneOf.join(', ')}.`,
      });
    }
  }
  return problems;
}

/** Every problem with exporting these invoices to this format: settings, each invoice, and duplicates. */
export function validateInvoices(
  format: FileFormat,
  pkg: string,
  invoices: readonly LedgerInvoice[],
  opts: ExportOptions = {},
): ExportProblem[] {
  const ctx = makeContext(format, opts);
  const problems = settingProblems(format, opts, pkg);
  const numbers = new Map<string, string>();
  for (const inv of invoices) {
    problems.push(...invoiceProblems(inv, format, ctx, pkg));
    const written = format.documentNumber ? format.documentNumber(inv, ctx) : inv.number;
    const earlier = numbers.get(written);
    if (earlier !== undefined && earlier !== inv.invoiceId) {
      problems.push({
        invoiceId: inv.invoiceId,
        severity: 'error',
        code: 'duplicate_number',
        field: 'number',
        message: `Two invoices in this export would be numbered ${written} in ${pkg}; it would merge or reject them. Export them separately or renumber one.`,
      });
    }
    numbers.set(written, inv.invoiceId);
  }
  return problems;
}
