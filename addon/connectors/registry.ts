// The one list of providers. ProviderId, the API's enums and the UI's options all derive from it.
import { z } from 'zod';
import { fileTemplates } from './files/index.ts';
import { myobManifest } from './myob/manifest.ts';
import type { ConnectorManifest } from './types.ts';
import { xeroManifest } from './xero/manifest.ts';

export interface ConnectorDefinition {
  manifest: ConnectorManifest;
}

export const connectors = {
  xero: { manifest: xeroManifest },
  myob: { manifest: myobManifest },
  ...fileTemplates,
} satisfies Record<string, ConnectorDefinition>;

export type ProviderId = keyof typeof connectors;
export const providerIds = Object.keys(connectors) as [ProviderId, ...ProviderId[]];
export const ProviderIdSchema = z.enum(providerIds);

export function manifestOf(id: string): ConnectorManifest | undefined {
  return (connectors as Record<string, ConnectorDefinition>)[id]?.manifest;
}
