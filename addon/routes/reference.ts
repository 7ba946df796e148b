// An interface's options and the ledger codes pulled for it.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { accountsInterfaces } from '../../db/schema.ts';
import { manifestOf } from '../connectors/registry.ts';
import type { InterfaceOptions as ConnectorInterfaceOptions } from '../connectors/types.ts';
import { IdParams } from '../contract/common.ts';
import { CodeListUpload, InterfaceOptions, ReferenceData, ReferenceQuery } from '../contract/link.ts';
import type { AppDeps } from '../deps.ts';
import { recordAudit } from '../domain/audit.ts';
import { getInterfaceRow } from '../domain/organisation.ts';
import { AppError, badRequest } from '../http/errors.ts';
import type { ApiRoutes } from '../http/route.ts';
import { loadCodeList } from '../link/code-lists.ts';
import type { LinkDeps } from '../link/deps.ts';
import { checkFileOptions } from '../link/file-options.ts';
import { checkOptions } from '../link/options.ts';
import { checkPaymentsNow, paymentsCheckedAt } from '../link/payments.ts';
import { readReferenceJson, referenceIndex, refreshReference } from '../link/reference.ts';

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
      role: 'viewer',
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
      role: 'administrator',
      tag,
      summary:
        'Replace the interface options (audit-logged); import-file interfaces also take baseCurrency, fileSettings (the package’s settings, see GET /api/providers) and itemsByAccount',
      params: IdParams,
      body: InterfaceOptions,
      response: InterfaceOptions,
      errors: [400, 404],
    },
    async ({ auth, params, body }) => {
      // The options are checked (a file package's settings, then against the pulled codes) first; the change
      // and its audit row then commit together or not at all.
      return db.transaction(async (tx) => {
        const before = await getInterfaceRow(tx, auth.practiceId, params.id);
        const options = checkFileOptions(before.provider, body);
        const manifest = manifestOf(before.provider);
        const problems = checkOptions(
          options as ConnectorInterfaceOptions,
          await referenceIndex(tx, auth.practiceId, before.id),
          {
            provider: manifest?.displayName ?? before.provider,
            taxRounding: manifest?.taxRounding ?? 'line',
          },
        );
        if (problems.length) {
          throw badRequest(
            problems[0]!.code,
            problems.map((p) => p.message).join(' '),
            Object.fromEntries(problems.map((p) => [p.field, p.message])),
          );
        }
        await tx
          .update(accountsInterfaces)
          .set({ options, updatedAt: new Date() })
          .where(eq(accountsInterfaces.id, before.id));
        await recordAudit(tx, auth, {
          action: 'interface.options_changed',
          entity: 'interface',
          entityId: before.id,
          oldValue: before.options,
          newValue: options,
        });
        return options;
      });
    },
  );
  api.add(
    {
      method: 'get',
      path: '/api/interfaces/:id/reference',
      role: 'viewer',
      tag: 'Mappings',
      summary: 'Ledger accounts, tax rates and tracking options for the mapping dropdowns',
      params: IdParams,
      query: ReferenceQuery,
      response: ReferenceData,
      errors: [404],
    },
    async ({ auth, params, query, res }) => {
      await getInterfaceRow(db, auth.practiceId, params.id);
      // Sent as the text kept since the last refresh; Express adds an ETag, so a browser that has it gets 304.
      res.type('application/json').send(await readReferenceJson(db, auth.practiceId, params.id, query.all));
      return undefined;
    },
  );
  api.add(
    {
      method: 'get',
      path: '/api/interfaces/:id/payments',
      tag: 'Payments',
      role: 'viewer',
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
      role: 'biller',
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
      path: '/api/interfaces/:id/reference/import',
      role: 'administrator',
      tag: 'Mappings',
      summary:
        'Import-file interfaces: load the package’s chart of accounts or tax-code list, as exported from the package (CSV, tab-separated or IIF), for the mapping dropdowns',
      params: IdParams,
      body: CodeListUpload,
      response: z.object({ accounts: z.number(), taxRates: z.number(), tracking: z.number() }),
      errors: [400, 404],
    },
    async ({ auth, params, body }) => {
      const iface = await getInterfaceRow(db, auth.practiceId, params.id);
      if (linkOf(deps).apiConnectors[iface.provider])
        throw badRequest(
          'not_a_file_interface',
          'This interface reads its codes from the ledger: use Refresh codes instead.',
          { kind: 'only for import-file interfaces' },
        );
      const { changed, count } = await loadCodeList(db, iface, body.kind, body.text);
      await recordAudit(db, auth, {
        action: 'interface.code_list_loaded',
        entity: 'interface',
        entityId: iface.id,
        newValue: { kind: body.kind, count },
      });
      return changed;
    },
  );
  api.add(
    {
      method: 'post',
      path: '/api/interfaces/:id/reference/refresh',
      role: 'administrator',
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
