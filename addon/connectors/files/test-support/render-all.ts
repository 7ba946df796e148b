// Renders every file of an export into memory (tests only).
import type { LedgerInvoice } from '../../types.ts';
import { readFile, renderExport } from '../render.ts';
import type { ExportOptions, FileTemplate } from '../types.ts';

export interface RenderedFile {
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

export async function renderAll(
  template: FileTemplate,
  invoices: Iterable<LedgerInvoice> | AsyncIterable<LedgerInvoice>,
  opts: ExportOptions = {},
): Promise<RenderedFile[]> {
  const files: RenderedFile[] = [];
  for await (const file of renderExport(template, invoices, opts)) {
    files.push({ fileName: file.fileName, contentType: file.contentType, bytes: await readFile(file) });
  }
  return files;
}

/** Splits IIF/tab text into records of fields (no quoting exists in these formats). */
export const tabRecords = (text: string): string[][] =>
  text
    .split('\r\n')
    .filter((line, i, all) => !(i === all.length - 1 && line === ''))
    .map((line) => line.split('\t'));
