// The providers a practice can link an office to, from the registry: the web app's choices come from here.
import { z } from 'zod';
import { fileTemplates } from '../connectors/files/index.ts';
import type { FileTemplate } from '../connectors/files/types.ts';
import { connectors, ProviderIdSchema } from '../connectors/registry.ts';
import { oauthAvailability, type ProviderSettings } from '../connectors/settings.ts';
import { CAPABILITIES } from '../connectors/types.ts';
import type { ApiRoutes } from '../http/route.ts';

const FileSetting = z
  .object({
    key: z.string(),
    /** What the package itself calls it. */
    label: z.string(),
    help: z.string().nullable(),
    default: z.string().nullable(),
    required: z.boolean(),
    oneOf: z.array(z.string()).nullable(),
  })
  .meta({ id: 'FileSetting' });

const Provider = z
  .object({
    id: ProviderIdSchema,
    displayName: z.string(),
    kind: z.enum(['api', 'file']),
    auth: z.enum(['oauth2', 'none']),
    capabilities: z.array(z.enum(CAPABILITIES)),
    availability: z.enum(['live', 'sandbox', 'not_configured']).meta({
      description:
        'live: the real platform (or an import file); sandbox: the built-in simulator (demo or staging); not_configured: no credentials on this server, so it cannot be connected.',
    }),
    /** Import-file packages: the export settings an interface's options may set, and its file's defaults. */
    file: z
      .object({
        settings: z.array(FileSetting),
        defaultBaseCurrency: z.string(),
        /** False when the file cannot name a currency: only the home currency can be exported. */
        currencyColumn: z.boolean(),
        /** The package takes each line's income account from an item (QuickBooks, Reckon). */
        usesItems: z.boolean(),
        encoding: z.string(),
        /** People open this package's file in a spreadsheet, so formula-like text is flagged. */
        spreadsheet: z.boolean(),
        /** Rules of the file no public source settles, said plainly to the person setting it up. */
        uncertain: z.array(z.string()),
      })
      .optional(),
  })
  .meta({ id: 'Provider' });

const ITEM_PACKAGES: readonly string[] = [
  'quickbooks-online-csv',
  'quickbooks-online-us-csv',
  'quickbooks-desktop-iif',
  'reckon-accounts-iif',
];

function fileFacts(id: string) {
  const template = (fileTemplates as Readonly<Record<string, FileTemplate>>)[id];
  if (!template) return {};
  const { format } = template;
  return {
    file: {
      settings: Object.entries(format.settings ?? {}).map(([key, s]) => ({
        key,
        label: s.label,
        help: s.help ?? null,
        default: s.default ?? null,
        required: s.required ?? false,
        oneOf: s.oneOf ? [...s.oneOf] : null,
      })),
      defaultBaseCurrency: format.defaultBaseCurrency,
      currencyColumn: format.currency === 'column',
      usesItems: ITEM_PACKAGES.includes(id),
      encoding: format.encoding,
      spreadsheet: format.spreadsheet,
      uncertain: [...(format.uncertain ?? [])],
    },
  };
}

export function providerRoutes(api: ApiRoutes, settings: ProviderSettings) {
  const oauth: Record<string, 'live' | 'sandbox' | 'not_configured'> = oauthAvailability(settings);
  api.add(
    {
      method: 'get',
      path: '/api/providers',
      role: 'viewer',
      tag: 'Accounts interfaces',
      summary: 'List the accounting packages an interface can link to',
      response: z.array(Provider),
    },
    async () =>
      Object.values(connectors).map(({ manifest: m }) => ({
        id: m.id as z.infer<typeof ProviderIdSchema>,
        displayName: m.displayName,
        kind: m.kind,
        auth: m.auth,
        capabilities: [...m.capabilities],
        availability: oauth[m.id] ?? 'live',
        ...fileFacts(m.id),
      })),
  );
}
