// Import files for packages without an API: the same preview as a push, then the package's file.
// Invoices count as exported only once a person confirms the import worked; until then they can be
// exported again, and the file downloaded again.
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Response } from 'express';
import { exportItems, exportsTable, invoices } from '../../db/schema.ts';
import { type Checker, fileCheckers, type Violation } from '../connectors/files/checkers/index.ts';
import { readFile, renderExport } from '../connectors/files/index.ts';
import type { FileTemplate } from '../connectors/files/types.ts';
import type { LedgerInvoice } from '../connectors/types.ts';
import type { ExportRecord, ExportSelection } from '../contract/exports.ts';
import type { Preview } from '../contract/link.ts';
import { getInterfaceRow } from '../domain/organisation.ts';
import type { Auth } from '../http/auth.ts';
import { badRequest, conflict, notFound } from '../http/errors.ts';
import { availableInvoices } from './batches.ts';
import type { InterfaceRow, LinkDeps } from './deps.ts';
import { exportOptionsOf } from './file-options.ts';
import { buildPreview } from './preview.ts';

function templateOf(deps: LinkDeps, iface: InterfaceRow): FileTemplate {
  const template = deps.fileTemplates[iface.provider];
  if (!template)
    throw badRequest(
      'not_a_file_interface',
      `${iface.displayName} is linked through an API: use Batches to upload instead.`,
    );
  return template;
}

const exportOptions = exportOptionsOf;

async function selectedIds(deps: LinkDeps, auth: Auth, selection: ExportSelection): Promise<string[]> {
  const available = await availableInvoices(deps.db, auth.practiceId, selection.interfaceId, selection);
  if (!selection.invoiceIds) return available.map((a) => a.invoiceId);
  const ok = new Set(available.map((a) => a.invoiceId));
  const missing = selection.invoiceIds.filter((id) => !ok.has(id));
  if (missing.length) {
    throw badRequest(
      'invoices_not_available',
      `${missing.length} of the chosen invoices cannot be exported to this file: they are drafts, parked, already confirmed as imported, or belong to an office linked elsewhere.`,
      {
        invoiceIds: missing.slice(0, 20).join(', '),
      },
    );
  }
  return selection.invoiceIds;
}

export async function previewExport(
  deps: LinkDeps,
  auth: Auth,
  selection: ExportSelection,
): Promise<Preview> {
  const iface = await getInterfaceRow(deps.db, auth.practiceId, selection.interfaceId);
  templateOf(deps, iface);
  return (await buildPreview(deps, iface, await selectedIds(deps, auth, selection), { remote: false }))
    .preview;
}

/** Sorted so a package that wants credits or tax modes in separate files gets as few files as possible. */
function fileOrder(list: LedgerInvoice[]) {
  return [...list].sort(
    (a, b) =>
      a.kind.localeCompare(b.kind) ||
      a.taxMode.localeCompare(b.taxMode) ||
      a.date.localeCompare(b.date) ||
      a.number.localeCompare(b.number),
  );
}

export async function createExport(
  deps: LinkDeps,
  auth: Auth,
  selection: ExportSelection,
): Promise<ExportRecord> {
  const iface = await getInterfaceRow(deps.db, auth.practiceId, selection.interfaceId);
  const template = templateOf(deps, iface);
  await deps.assertEntitled?.(auth.practiceId, 'export');
  const { ready } = await buildPreview(deps, iface, await selectedIds(deps, auth, selection), {
    remote: false,
  });
  if (!ready.size)
    throw badRequest(
      'nothing_to_export',
      'None of the chosen invoices can be exported yet: the preview lists what to fix.',
    );
  const ordered = fileOrder([...ready.values()]);
  // Render once now, to name the files and to refuse here rather than at download if the package would: each
  // file is read back by the package's checker, and a file it would reject is never offered for download.
  const opts = exportOptions(iface);
  const checker = (fileCheckers as Readonly<Record<string, Checker>>)[iface.provider];
  const fileNames: string[] = [];
  const violations: Violation[] = [];
  for await (const file of renderExport(template, ordered, opts)) {
    fileNames.push(file.fileName);
    const bytes = await readFile(file);
    if (checker)
      violations.push(
        ...checker([{ fileName: file.fileName, bytes }], { dateFormat: opts.settings?.dateFormat }),
      );
  }
  if (violations.length > 0) {
    const shown = violations.slice(0, 10);
    throw badRequest(
      'file_check_failed',
      `${template.manifest.displayName} would not accept this file: ${shown
        .map((v) => `${v.file}${v.record ? ` record ${v.record}` : ''}: ${v.message}`)
        .join(
          ' ',
        )}${violations.length > shown.length ? ` (and ${violations.length - shown.length} more)` : ''}`,
      Object.fromEntries(
        shown.map((v, i) => [
          `files.${v.file}${v.record ? `.${v.record}` : ''}${v.column ? `.${v.column}` : ''}#${i}`,
          v.message,
        ]),
      ),
    );
  }
  const id = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(exportsTable)
      .values({
        practiceId: auth.practiceId,
        interfaceId: iface.id,
        template: iface.provider,
        fileName: fileNames[0] ?? '',
        fileNames,
        invoiceCount: ordered.length,
        createdBy: auth.actor,
      })
      .returning({ id: exportsTable.id });
    await tx.insert(exportItems).values(
      ordered.map((inv) => ({
        practiceId: auth.practiceId,
        exportId: row!.id,
        invoiceId: inv.invoiceId,
        version: inv.version,
      })),
    );
    return row!.id;
  });
  return getExport(deps, auth.practiceId, id);
}

function toRecord(deps: LinkDeps, row: typeof exportsTable.$inferSelect): ExportRecord {
  return {
    id: row.id,
    interfaceId: row.interfaceId,
    template: row.template,
    templateName: deps.fileTemplates[row.template]?.manifest.displayName ?? row.template,
    fileName: row.fileName,
    files: row.fileNames.map((fileName, index) => ({
      index,
      fileName,
      downloadUrl: `/api/exports/${row.id}/files/${index}`,
    })),
    invoiceCount: row.invoiceCount,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    confirmedAt: row.confirmedAt?.toISOString() ?? null,
    confirmedBy: row.confirmedBy,
  };
}

export async function getExport(deps: LinkDeps, practiceId: string, id: string): Promise<ExportRecord> {
  const [row] = await deps.db
    .select()
    .from(exportsTable)
    .where(and(eq(exportsTable.practiceId, practiceId), eq(exportsTable.id, id)));
  if (!row) throw notFound('Export');
  return toRecord(deps, row);
}

export async function listExports(
  deps: LinkDeps,
  practiceId: string,
  interfaceId?: string,
): Promise<ExportRecord[]> {
  const rows = await deps.db
    .select()
    .from(exportsTable)
    .where(
      and(
        eq(exportsTable.practiceId, practiceId),
        interfaceId ? eq(exportsTable.interfaceId, interfaceId) : undefined,
      ),
    )
    .orderBy(desc(exportsTable.createdAt))
    .limit(200);
  return rows.map((r) => toRecord(deps, r));
}

/** Streams file `index` of an export, rebuilt from the same invoices in the same order. */
export async function downloadExport(
  deps: LinkDeps,
  practiceId: string,
  id: string,
  index: number,
  res: Response,
) {
  const [row] = await deps.db
    .select()
    .from(exportsTable)
    .where(and(eq(exportsTable.practiceId, practiceId), eq(exportsTable.id, id)));
  if (!row) throw notFound('Export');
  if (!(index >= 0 && index < row.fileNames.length)) throw notFound('Export file');
  const iface = await getInterfaceRow(deps.db, practiceId, row.interfaceId);
  const template = templateOf(deps, iface);
  const items = await deps.db
    .select({ invoiceId: exportItems.invoiceId })
    .from(exportItems)
    .innerJoin(invoices, eq(invoices.id, exportItems.invoiceId))
    .where(and(eq(exportItems.practiceId, practiceId), eq(exportItems.exportId, id)))
    .orderBy(asc(invoices.invoiceDate));
  const { ready } = await buildPreview(
    deps,
    iface,
    items.map((i) => i.invoiceId),
    { remote: false },
  );
  let n = 0;
  for await (const file of renderExport(template, fileOrder([...ready.values()]), exportOptions(iface))) {
    if (n++ !== index) {
      for await (const _chunk of file.chunks); // the files come in order: drain the ones before it
      continue;
    }
    res.setHeader('content-type', file.contentType);
    res.setHeader('content-disposition', `attachment; filename="${file.fileName.replace(/"/g, '')}"`);
    for await (const chunk of file.chunks) {
      if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
    }
    res.end();
    return;
  }
  throw notFound('Export file');
}

export async function confirmExport(deps: LinkDeps, auth: Auth, id: string): Promise<ExportRecord> {
  const record = await getExport(deps, auth.practiceId, id);
  if (record.confirmedAt)
    throw conflict(
      'export_confirmed',
      `This export was already confirmed on ${record.confirmedAt.slice(0, 10)}.`,
    );
  await deps.db
    .update(exportsTable)
    .set({ confirmedAt: new Date(), confirmedBy: auth.actor })
    .where(and(eq(exportsTable.practiceId, auth.practiceId), eq(exportsTable.id, id)));
  await deps.recordUsage?.(auth.practiceId, 'invoice_exported', record.invoiceCount);
  return getExport(deps, auth.practiceId, id);
}
