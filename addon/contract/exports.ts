// Import-file exports: preview, write, download, confirm.
import { z } from 'zod';
import { Id, IsoDate } from './common.ts';

export const ExportRecord = z
  .object({
    id: Id,
    interfaceId: Id,
    template: z.string(),
    templateName: z.string(),
    fileName: z.string(),
    /** One entry per file: a package's rows-per-file limit can split one export into several. */
    files: z.array(z.object({ index: z.number().int(), fileName: z.string(), downloadUrl: z.string() })),
    invoiceCount: z.number().int(),
    createdBy: z.string(),
    createdAt: z.string(),
    confirmedAt: z.string().nullable(),
    confirmedBy: z.string().nullable(),
  })
  .meta({ id: 'ExportRecord' });

export const ExportSelection = z
  .object({
    interfaceId: Id,
    /** Specific invoices; or leave out to take every available one matching the filters. */
    invoiceIds: z.array(Id).max(100_000).optional(),
    officeId: Id.optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
  })
  .strict();

export const ExportListQuery = z.object({ interfaceId: Id.optional() });

export type ExportRecord = z.infer<typeof ExportRecord>;
export type ExportSelection = z.infer<typeof ExportSelection>;
