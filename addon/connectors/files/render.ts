// The streaming writer. Invoices are pulled one at a time and each is rendered to text; the text of several
// invoices is gathered into chunks of about 64 KiB and encoded once per chunk, so memory stays flat however many
// lines are exported while the consumer sees a few dozen chunks per megabyte instead of one per invoice. A new
// file starts when a package's per-file limit would be passed (never inside an invoice) or when the format
// wants credits or tax-inclusive invoices in files of their own.
import { Zip, ZipDeflate } from 'fflate';
import { ConnectorError } from '../errors.ts';
import type { LedgerInvoice } from '../types.ts';
import { headerText, rowsText } from './cells.ts';
import { makeContext } from './helpers.ts';
import { encodedLength, encodeFolded, UTF8_BOM } from './text.ts';
import type { ExportFile, ExportOptions, FileFormat, FileTemplate, RenderContext } from './types.ts';
import { invoiceErrors, settingProblems } from './validate.ts';

/** A fixed time for zip entries, so the same invoices always give the same bytes (re-downloads, golden files). */
const ZIP_TIME = new Date('2000-01-01T00:00:00Z');

/** Characters of text gathered before a chunk is encoded and handed on. */
const CHUNK_CHARS = 64 * 1024;

interface Rendered {
  /** The invoice's records, already folded to the file's encoding. */
  text: string;
  /** Encoded length of text; only worked out when the format limits bytes per file, else 0. */
  bytes: number;
  rows: number;
  group: string;
  /** Text of each zip companion file for this invoice (zip formats only). */
  companions: string[] | undefined;
}

/** Which file family an invoice belongs to ("" for the main one), from format.separateFilesBy. */
function fileGroup(inv: LedgerInvoice, format: FileFormat): string {
  const by = format.separateFilesBy;
  if (by === undefined || by.length === 0) return '';
  const parts: string[] = [];
  for (const key of by) {
    if (key === 'kind' && inv.kind === 'credit') parts.push('credit-notes');
    if (key === 'taxMode' && inv.taxMode === 'inclusive') parts.push('tax-inclusive');
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
  const { encoding, limits } = format;
  const measure = limits.bytesPerFile !== undefined;
  const headers = { main: headerText(format), credit: headerText(format, true) };
  const separator = format.blankLineBetweenInvoices ? format.recordDelimiter : '';
  const separatorBytes = encodedLength(separator, encoding);
  const stem = opts.fileStem ?? format.fileStem;
  let pending: Rendered | undefined;
  let exhausted = false;

  // A plain iterable (an array, a generator) is read synchronously: awaiting each invoice would cost a
  // promise and a microtask per invoice for nothing. Async sources are awaited as before.
  const syncSource =
    Symbol.asyncIterator in invoices ? undefined : (invoices as Iterable<LedgerInvoice>)[Symbol.iterator]();
  const asyncSource = syncSource
    ? undefined
    : (invoices as AsyncIterable<LedgerInvoice>)[Symbol.asyncIterator]();

  const take = (step: IteratorResult<LedgerInvoice>): Rendered | undefined => {
    if (step.done) {
      exhausted = true;
      return undefined;
    }
    pending = renderInvoice(template, step.value, ctx, pkg, measure);
    return pending;
  };
  const next = (): Rendered | undefined | Promise<Rendered | undefined> => {
    if (pending) return pending;
    if (exhausted) return undefined;
    return syncSource ? take(syncSource.next()) : asyncSource!.next().then(take);
  };

  let fileNumber = 0;
  for (;;) {
    const got = next();
    const first = got instanceof Promise ? await got : got;
    if (!first) break;
    fileNumber++;
    const group = first.group;
    const header = group.includes('credit-notes') ? headers.credit : headers.main;
    const headerBytes = encodedLength(header, encoding);
    let drained = false;
    const companions = format.zip?.companions.map(() => '') ?? [];
    const chunks = async function* (): AsyncGenerator<Uint8Array> {
      let bytes = headerBytes + (format.bom ? UTF8_BOM.length : 0);
      if (format.bom) yield UTF8_BOM;
      // The header opens the first chunk rather than being a chunk of its own.
      let text = header;
      let count = 0;
      let rows = 0;
      for (;;) {
        const got = next();
        const item = got instanceof Promise ? await got : got;
        if (!item) break;
        const extra = item.bytes + (count > 0 ? separatorBytes : 0);
        const full =
          item.group !== group ||
          (limits.invoicesPerFile !== undefined && count + 1 > limits.invoicesPerFile) ||
          (limits.rowsPerFile !== undefined && rows + item.rows > limits.rowsPerFile) ||
          (limits.bytesPerFile !== undefined && bytes + extra > limits.bytesPerFile);
        // An invoice bigger than a whole file still gets a file of its own rather than being split.
        if (full && count > 0) break;
        pending = undefined;
        if (count > 0) text += separator;
        text += item.text;
        item.companions?.forEach((t, i) => {
          companions[i] += t;
        });
        count++;
        rows += item.rows;
        bytes += extra;
        if (text.length >= CHUNK_CHARS) {
          yield encodeFolded(text, encoding);
          text = '';
        }
      }
      if (text !== '') yield encodeFolded(text, encoding);
      drained = true;
    };
    const suffix = group ? `-${group}` : '';
    if (format.zip) {
      // The package loads a zip: the data file is deflated as its chunks come (memory stays flat), then the
      // companion files gathered alongside it are added and the archive closed.
      const { zip } = format;
      const zipped = async function* (): AsyncGenerator<Uint8Array> {
        const out: Uint8Array[] = [];
        const archive = new Zip((err, chunk) => {
          if (err) throw err;
          out.push(chunk);
        });
        const entry = (name: string) => {
          const e = new ZipDeflate(name, { level: 6 });
          e.mtime = ZIP_TIME;
          archive.add(e);
          return e;
        };
        const data = entry(zip.entry);
        for await (const chunk of chunks()) {
          data.push(chunk);
          if (out.length) yield Buffer.concat(out.splice(0));
        }
        data.push(new Uint8Array(0), true);
        zip.companions.forEach((c, i) => {
          entry(c.entry).push(encodeFolded(companions[i]!, encoding), true);
        });
        archive.end();
        if (out.length) yield Buffer.concat(out.splice(0));
      };
      yield {
        fileName: `${stem}${suffix}-${fileNumber}.zip`,
        contentType: 'application/zip',
        chunks: zipped(),
      };
    } else {
      yield {
        fileName: `${stem}${suffix}-${fileNumber}.${format.extension}`,
        contentType: format.contentType,
        chunks: chunks(),
      };
    }
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
  measure: boolean,
): Rendered {
  const { format } = template;
  // The rows the guard checked are the rows written: built once per invoice.
  const { errors, rows } = invoiceErrors(inv, format, ctx, pkg);
  if (errors.length > 0 || rows === undefined) {
    refuse(
      template,
      errors.map((p) => p.message),
      `Invoice ${inv.number} cannot be exported to ${pkg}.`,
    );
  }
  const text = rowsText(rows, format);
  return {
    text,
    bytes: measure ? encodedLength(text, format.encoding) : 0,
    rows: rows.length,
    group: fileGroup(inv, format),
    companions: format.zip?.companions.map((c) => rowsText(c.rows(inv, ctx), format)),
  };
}

/** Collects one file's chunks into a single buffer (tests and small exports). */
export async function readFile(file: ExportFile): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const chunk of file.chunks) parts.push(chunk);
  return Buffer.concat(parts);
}
