// An interface's options and the ledger codes pulled for it.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { accountsInterfaces } from '../../db/schema.ts';
import { IdParams } from '../contract/common.ts';
import { InterfaceOptions, ReferenceData, ReferenceQuery } from '../contract/link.ts';
import type { AppDeps } from '../deps.ts';
import { recordAudit } from '../domain/audit.ts';
import { getInterfaceRow } from '../domain/organisation.ts';
import { AppError } from '../http/errors.ts';
import type { ApiRoutes } from '../http/route.ts';
import type { LinkDeps } from '../link/deps.ts';
import { checkPaymentsNow, paymentsCheckedAt } from '../link/payments.ts';
import { readReference, refreshReference } from '../link/reference.ts';

const PaymentsCheck = z
  .object({
    changed: z.number().int().meta({ description: 'Invoices whose payment status changed in this check.' }),
    checkedAt: z.string().nullable(),
  })
  .meta({ id: 'PaymentsCheck' });

export function linkOf(deps: AppDeps): LinkDeps {
  if (!deps.link)
    throw new AppError(503, 'link_unavailable', 'The accounts link is not running on this server.');
  return deps.link;
}

export function referenceRoutes(api: ApiRoutes, deps: AppDeps) {
  const { db } = deps;
  const tag = 'Accounts interfaces';
  api.add(
    {
      method: 'get',
      path: '/api/interfaces/:id/options',
      tag,
      summary:
        'The interface options: invoice status, contact policy, rounding account, job tracking, defaults',
      params: IdParams,
      response: InterfaceOptions,
      errors: [404],
    },
    async ({ auth, params }) => (await getInterfaceRow(db, auth.practiceId, params.id)).options,
  );
  api.add(
    {
      method: 'put',
      path: '/api/interfaces/:id/options',
      tag,
      summary: 'Replace the interface options (audit-logged)',
      params: IdParams,
      body: InterfaceOptions,
      response: InterfaceOptions,
      errors: [404],
    },
    async ({ auth, params, body }) => {
      const before = await getInterfaceRow(db, auth.practiceId, params.id);
      await db
        .update(accountsInterfaces)
        .set({ options: body, updatedAt: new Date() })
        .where(eq(accountsInterfaces.id, before.id));
      await recordAudit(db, auth, {
        action: 'interface.options_changed',
        entity: 'interface',
        entityId: before.id,
        oldValue: before.options,
        newValue: body,
      });
      return body;
    },
  );
  api.add(
    {
      method: 'get',
      path: '/api/interfaces/:id/reference',
      tag: 'Mappings',
      summary: 'Ledger accounts, tax rates and tracking options for the mapping dropdowns',
      params: IdParams,
      query: ReferenceQuery,
      response: ReferenceData,
      errors: [404],
    },
    async ({ auth, params, query }) => {
      await getInterfaceRow(db, auth.practiceId, params.id);
      return readReference(db, auth.practiceId, params.id, query.all);
    },
  );
  api.add(
    {
      method: 'get',
      path: '/api/interfaces/:id/payments',
      tag: 'Payments',
      summary: 'When payments were last read back from the ledger (hourly, or by Check now)',
      params: IdParams,
      response: PaymentsCheck,
      errors: [404],
    },
    async ({ auth, params }) => {
      const iface = await getInterfaceRow(db, auth.practiceId, params.id);
      return { changed: 0, checkedAt: await paymentsCheckedAt(linkOf(deps), iface) };
    },
  );
  api.add(
    {
      method: 'post',
      path: '/api/interfaces/:id/payments/check',
      tag: 'Payments',
      summary: 'Read payments, voids and deletions back from the ledger now (MYOB has no webhooks)',
      params: IdParams,
      response: PaymentsCheck,
      errors: [400, 404, 409],
    },
    async ({ auth, params }) => {
      const iface = await getInterfaceRow(db, auth.practiceId, params.id);
      return checkPaymentsNow(linkOf(deps), iface);
    },
  );
  api.add(
    {
      method: 'post',
      path: '/api/interfaces/:id/reference/refresh',
      tag: 'Mappings',
      summary:
        'Refresh the codes from the accounting software (only what changed, where the platform allows)',
      params: IdParams,
      response: z.object({ accounts: z.number(), taxRates: z.number(), tracking: z.number() }),
      errors: [404, 409],
    },
    async ({ auth, params }) => {
      const iface = await getInterfaceRow(db, auth.practiceId, params.id);
      return refreshReference(linkOf(deps), iface);
    },
  );
}
