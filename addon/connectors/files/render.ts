// The streaming writer. Invoices are pulled one at a time, each rendered to one chunk, so memory stays flat
// however many lines are exported. A new file starts when a package's per-file limit would be passed (never
// inside an invoice) or when the format wants credits or tax-inclusive invoices in files of their own.
import { ConnectorError } from '../errors.ts';
import type { LedgerInvoice } from '../types.ts';
import { headerText, rowsText } from './cells.ts';
import { makeContext } from './helpers.ts';
import { encodeText, UTF8_BOM } from './text.ts';
import type { ExportFile, ExportOptions, FileFormat, FileTemplate, RenderContext } from './types.ts';
import { invoiceProblems, settingProblems } from './validate.ts';

interface Rendered {
  inv: LedgerInvoice;
  bytes: Uint8Array;
  rows: number;
  group: string;
}

/** Which file family an invoice belongs to ("" for the main one), from format.separateFilesBy. */
function fileGroup(inv: LedgerInvoice, format: FileFormat): string {
  const parts: string[] = [];
  for (const by of format.separateFilesBy ?? []) {
    if (by === 'kind' && inv.kind === 'credit') parts.push('credit-notes');
    if (by === 'taxMode' && inv.taxMode === 'inclusive') parts.push('tax-inclusive');
  }
  return parts.join('-');
}

function refuse(template: FileTemplate, details: string[], message: string): never {
  throw new ConnectorError({
    code: 'validation',
    message,
    provider: template.manifest.id,
    operation: 'file.export',
    details,
  });
}

async function* toAsync<T>(items: AsyncIterable<T> | Iterable<T>): AsyncGenerator<T> {
  yield* items;
}

/**
 * Renders invoices into one or more import files. Each invoice is checked as it passes; one with an error
 * stops the export with a ConnectorError ('validation') naming the problems, so call template.validate first
 * to show people everything at once. Read each file's chunks to the end before asking for the next file.
 */
export async function* renderExport(
  template: FileTemplate,
  invoices: AsyncIterable<LedgerInvoice> | Iterable<LedgerInvoice>,
  opts: ExportOptions = {},
): AsyncGenerator<ExportFile> {
  const { format } = template;
  const pkg = template.manifest.displayName;
  const settingErrors = settingProblems(format, opts, pkg).filter((p) => p.severity === 'error');
  if (settingErrors.length > 0) {
    refuse(
      template,
      settingErrors.map((p) => p.message),
      `The ${pkg} export settings are incomplete.`,
    );
  }
  const ctx = makeContext(format, opts);
  const source = toAsync(invoices);
  const header = encodeText(headerText(format), format.encoding);
  const separator = format.blankLineBetweenInvoices
    ? encodeText(format.recordDelimiter, format.encoding)
    : null;
  const stem = opts.fileStem ?? format.fileStem;
  let pending: Rendered | undefined;
  let exhausted = false;

  const next = async (): Promise<Rendered | undefined> => {
    if (pending) return pending;
    if (exhausted) return undefined;
    const step = await source.next();
    if (step.done) {
      exhausted = true;
      return undefined;
    }
    pending = renderInvoice(template, step.value, ctx, pkg);
    return pending;
  };

  let fileNumber = 0;
  for (let first = await next(); first; first = await next()) {
    fileNumber++;
    const group = first.group;
    let drained = false;
    const limits = format.limits;
    const chunks = async function* (): AsyncGenerator<Uint8Array> {
      let bytes = header.length + (format.bom ? UTF8_BOM.length : 0);
      if (format.bom) yield UTF8_BOM;
      if (header.length > 0) yield header;
      let count = 0;
      let rows = 0;
      for (let item = await next(); item; item = await next()) {
        const extra = item.bytes.length + (count > 0 && separator ? separator.length : 0);
        const full =
          item.group !== group ||
          (limits.invoicesPerFile !== undefined && count + 1 > limits.invoicesPerFile) ||
          (limits.rowsPerFile !== undefined && rows + item.rows > limits.rowsPerFile) ||
          (limits.bytesPerFile !== undefined && bytes + extra > limits.bytesPerFile);
        // An invoice bigger than a whole file still gets a file of its own rather than being split.
        if (full && count > 0) break;
        pending = undefined;
        if (count > 0 && separator) yield separator;
        yield item.bytes;
        count++;
        rows += item.rows;
        bytes += extra;
      }
      drained = true;
    };
    const suffix = group ? `-${group}` : '';
    yield {
      fileName: `${stem}${suffix}-${fileNumber}.${format.extension}`,
      contentType: format.contentType,
      chunks: chunks(),
    };
    if (!drained) {
      throw new Error('renderExport: read every chunk of a file before asking for the next file');
    }
  }
}

function renderInvoice(
  template: FileTemplate,
  inv: LedgerInvoice,
  ctx: RenderContext,
  pkg: string,
): Rendered {
  const { format } = template;
  const errors = invoiceProblems(inv, format, ctx, pkg).filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    refuse(
      template,
      errors.map((p) => p.message),
      `Invoice ${inv.number} cannot be exported to ${pkg}.`,
    );
  }
  const rows = format.rows(inv, ctx);
  return {
    inv,
    bytes: encodeText(rowsText(rows, format), format.encoding),
    rows: rows.length,
    group: fileGroup(inv, format),
  };
}

/** Collects one file's chunks into a single buffer (tests and small exports). */
export async function readFile(file: ExportFile): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const chunk of file.chunks) parts.push(chunk);
  return Buffer.concat(parts);
}
