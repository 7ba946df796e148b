// Connecting an accounts interface to Xero or MYOB: status, connect, organisation chooser, disconnect.
import { z } from 'zod';
import { InterfaceStatus } from './organisation.ts';

export const ConnectQuery = z.object({
  format: z
    .enum(['redirect', 'json'])
    .optional()
    .meta({ description: 'json: answer { authorizeUrl } instead of a 302 (for the web app).' }),
  changeOrganisation: z
    .enum(['false'], { message: 'moving to another organisation changes state: send it with POST' })
    .optional()
    .meta({ description: 'Refused here as "true": use POST /api/interfaces/{id}/connect.' }),
});

export const ConnectBody = z
  .object({
    changeOrganisation: z.boolean().optional().meta({
      description:
        'Reconnect only: the person confirmed that this interface may move to a different organisation than the stored one.',
    }),
  })
  .strict();

export const AuthorizeUrl = z.object({ authorizeUrl: z.url() }).meta({ id: 'AuthorizeUrl' });

export const ConnectionStatus = z
  .object({
    status: InterfaceStatus,
    provider: z.string(),
    tenantName: z.string().nullable(),
    connectedBy: z.string().nullable(),
    connectedAt: z.string().nullable(),
    consentExpiresAt: z
      .string()
      .nullable()
      .meta({ description: 'MYOB: consent lasts 12 months and must be renewed by an Administrator.' }),
    renewalDue: z.boolean(),
    scopes: z.array(z.string()),
    missingScopes: z.array(z.object({ scope: z.string(), reason: z.string() })).meta({
      description:
        'Permissions the interface options need that the connection was not granted: choose Reconnect and allow them.',
    }),
    permissionMessage: z.string().nullable(),
    lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
    organisationChoicePending: z.boolean(),
  })
  .meta({ id: 'ConnectionStatus' });

export const CheckedConnection = ConnectionStatus.extend({
  checkedAt: z.string().nullable().meta({ description: 'When the platform was asked; null: not connected.' }),
  unreachable: z
    .boolean()
    .meta({ description: 'The platform could not be reached: the status is the last one known.' }),
}).meta({ id: 'CheckedConnection' });

export const Organisation = z.object({ tenantId: z.string(), name: z.string() }).meta({ id: 'Organisation' });
export const Organisations = z.object({ organisations: z.array(Organisation) });
export const ChooseOrganisation = z.object({ tenantId: z.string().trim().min(1).max(100) }).strict();

export const DisconnectResult = ConnectionStatus.extend({
  platformDisconnected: z
    .boolean()
    .meta({ description: 'Xero: the connection was also removed in Xero. MYOB has no such call.' }),
}).meta({ id: 'DisconnectResult' });

export type ConnectionStatus = z.infer<typeof ConnectionStatus>;
export type CheckedConnection = z.infer<typeof CheckedConnection>;
export type Organisation = z.infer<typeof Organisation>;
