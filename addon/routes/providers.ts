// The providers a practice can link an office to, from the registry: the web app's choices come from here.
import { z } from 'zod';
import { connectors, ProviderIdSchema } from '../connectors/registry.ts';
import { oauthAvailability, type ProviderSettings } from '../connectors/settings.ts';
import { CAPABILITIES } from '../connectors/types.ts';
import type { ApiRoutes } from '../http/route.ts';

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
  })
  .meta({ id: 'Provider' });

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
      })),
  );
}
