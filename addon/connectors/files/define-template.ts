// Wraps a format (data) and its manifest into a FileTemplate with the shared validator.
import type { FileFormat, FileManifest, FileTemplate } from './types.ts';
import { validateInvoices } from './validate.ts';

export function defineFileTemplate(
  manifest: Omit<FileManifest, 'kind' | 'auth' | 'capabilities'>,
  format: FileFormat,
): FileTemplate {
  const full: FileManifest = { ...manifest, kind: 'file', auth: 'none', capabilities: ['file.export'] };
  return {
    manifest: full,
    format,
    validate: (invoices, opts) => validateInvoices(format, full.displayName, invoices, opts),
  };
}
