// An import-file interface's export settings: the home currency, the package's own settings and the item per
// income account, kept in the interface's options. One reader serves the preview, the export and the download,
// so the file is checked and written with exactly the settings the preview showed.
import { fileTemplates } from '../connectors/files/index.ts';
import type { ExportOptions, FileTemplate } from '../connectors/files/types.ts';
import type { InterfaceOptionsInput } from '../contract/link.ts';
import { badRequest } from '../http/errors.ts';
import type { InterfaceRow } from './deps.ts';

type StoredOptions = InterfaceOptionsInput;

export function exportOptionsOf(iface: Pick<InterfaceRow, 'options'>): ExportOptions {
  const o = iface.options as StoredOptions;
  return { settings: o.fileSettings, baseCurrency: o.baseCurrency, itemsByAccount: o.itemsByAccount };
}

/** The settings as written into the file: defaults filled in, labelled in the package's own words. */
export function exportSettingsView(template: FileTemplate, opts: ExportOptions) {
  const settings = Object.entries(template.format.settings ?? {}).map(([key, spec]) => ({
    key,
    label: spec.label,
    value: opts.settings?.[key] || spec.default || '',
  }));
  return {
    baseCurrency: (opts.baseCurrency || template.format.defaultBaseCurrency).toUpperCase(),
    settings,
    itemsByAccount: { ...opts.itemsByAccount },
  };
}

/**
 * Refuses options the interface's package does not have: settings it does not read, values outside its
 * choices, or file settings on an interface that pushes through an API, each with the field at fault; returns
 * the options as stored (currency code in capitals).
 */
export function checkFileOptions(provider: string, given: StoredOptions): StoredOptions {
  const options = given.baseCurrency ? { ...given, baseCurrency: given.baseCurrency.toUpperCase() } : given;
  const template = (fileTemplates as Readonly<Record<string, FileTemplate>>)[provider];
  const fileOnly = (['fileSettings', 'baseCurrency', 'itemsByAccount'] as const).filter(
    (k) => options[k] !== undefined,
  );
  if (!template) {
    if (fileOnly.length > 0) {
      throw badRequest(
        'not_a_file_interface',
        'Export settings belong to interfaces that write import files; this one pushes through an API.',
        Object.fromEntries(fileOnly.map((k) => [k, 'only for import-file interfaces'])),
      );
    }
    return options;
  }
  const specs = template.format.settings ?? {};
  for (const [key, value] of Object.entries(options.fileSettings ?? {})) {
    const spec = specs[key];
    const field = `fileSettings.${key}`;
    if (!spec) {
      const known = Object.keys(specs);
      throw badRequest(
        'unknown_setting',
        `${template.manifest.displayName} has no setting "${key}"${known.length ? `; it has: ${known.join(', ')}` : ''}.`,
        { [field]: 'not a setting of this package' },
      );
    }
    if (spec.oneOf && value !== '' && !spec.oneOf.includes(value)) {
      throw badRequest('setting_invalid', `"${spec.label}" must be one of: ${spec.oneOf.join(', ')}.`, {
        [field]: `one of ${spec.oneOf.join(', ')}`,
      });
    }
  }
  return options;
}
