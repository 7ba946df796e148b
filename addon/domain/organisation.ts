// Offices, invoice settings and accounts interfaces, and the rules that link them:
// an office has at most one invoice setting; an invoice setting is linked to at most one accounts
// interface (one accounts file); one interface may serve many invoice settings.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  accountsInterfaces,
  batches,
  exportsTable,
  invoiceSettings,
  offices,
  syncLedger,
} from '../../db/schema.ts';
import { manifestOf, type ProviderId } from '../connectors/registry.ts';
import type { AccountsInterface, InvoiceSetting, Office } from '../contract/organisation.ts';
import type { Auth } from '../http/auth.ts';
import { conflict, notFound } from '../http/errors.ts';
import { recordAudit } from './audit.ts';

type OfficeRow = typeof offices.$inferSelect;
const toOffice = (r: OfficeRow): Office => ({
  id: r.id,
  code: r.code,
  name: r.name,
  invoiceSettingId: r.invoiceSettingId,
});

export async function listOffices(db: Db, practiceId: string): Promise<Office[]> {
  const rows = await db
    .select()
    .from(offices)
    .where(eq(offices.practiceId, practiceId))
    .orderBy(asc(offices.code));
  return rows.map(toOffice);
}

export async function getOfficeRow(db: Db, practiceId: string, id: string): Promise<OfficeRow> {
  const [row] = await db
    .select()
    .from(offices)
    .where(and(eq(offices.practiceId, practiceId), eq(offices.id, id)));
  if (!row) throw notFound('Office');
  return row;
}

export async function createOffice(
  db: Db,
  auth: Auth,
  input: { code: string; name: string },
): Promise<Office> {
  // The change and its audit row commit together or not at all.
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(offices)
      .values({ practiceId: auth.practiceId, ...input })
      .returning();
    await recordAudit(tx, auth, {
      action: 'office.created',
      entity: 'office',
      entityId: row!.id,
      newValue: input,
    });
    return toOffice(row!);
  });
}

export async function updateOffice(
  db: Db,
  auth: Auth,
  id: string,
  input: { code?: string; name?: string },
): Promise<Office> {
  return db.transaction(async (tx) => {
    const before = await getOfficeRow(tx, auth.practiceId, id);
    const [row] = await tx
      .update(offices)
      .set(input)
      .where(and(eq(offices.practiceId, auth.practiceId), eq(offices.id, id)))
      .returning();
    await recordAudit(tx, auth, {
      action: 'office.updated',
      entity: 'office',
      entityId: id,
      oldValue: { code: before.code, name: before.name },
      newValue: input,
    });
    return toOffice(row!);
  });
}

/** Links an office to an invoice setting; an office already linked elsewhere must be unlinked first. */
export async function linkOfficeToSetting(
  db: Db,
  auth: Auth,
  officeId: string,
  settingId: string | null,
): Promise<Office> {
  return db.transaction(async (tx) => {
    const office = await getOfficeRow(tx, auth.practiceId, officeId);
    if (settingId !== null) {
      const setting = await getSettingRow(tx, auth.practiceId, settingId);
      if (office.invoiceSettingId && office.invoiceSettingId !== settingId) {
        const current = await getSettingRow(tx, auth.practiceId, office.invoiceSettingId);
        throw conflict(
          'office_already_linked',
          `Office ${office.name} already uses invoice setting "${current.name}". An office has one invoice setting: unlink it before linking "${setting.name}".`,
          { invoiceSettingId: 'this office already has an invoice setting' },
        );
      }
    }
    const [row] = await tx
      .update(offices)
      .set({ invoiceSettingId: settingId })
      .where(and(eq(offices.practiceId, auth.practiceId), eq(offices.id, officeId)))
      .returning();
    await recordAudit(tx, auth, {
      action: settingId ? 'office.invoice_setting_linked' : 'office.invoice_setting_unlinked',
      entity: 'office',
      entityId: officeId,
      oldValue: { invoiceSettingId: office.invoiceSettingId },
      newValue: { invoiceSettingId: settingId },
    });
    return toOffice(row!);
  });
}

// ------------------------------------------------------------------------------ invoice settings

type SettingRow = typeof invoiceSettings.$inferSelect;

export async function getSettingRow(db: Db, practiceId: string, id: string): Promise<SettingRow> {
  const [row] = await db
    .select()
    .from(invoiceSettings)
    .where(and(eq(invoiceSettings.practiceId, practiceId), eq(invoiceSettings.id, id)));
  if (!row) throw notFound('Invoice setting');
  return row;
}

export async function listSettings(db: Db, practiceId: string, ids?: string[]): Promise<InvoiceSetting[]> {
  const where = ids
    ? and(eq(invoiceSettings.practiceId, practiceId), inArray(invoiceSettings.id, ids))
    : eq(invoiceSettings.practiceId, practiceId);
  const rows = await db.select().from(invoiceSettings).where(where).orderBy(asc(invoiceSettings.name));
  const officeRows = await db
    .select({ id: offices.id, settingId: offices.invoiceSettingId })
    .from(offices)
    .where(eq(offices.practiceId, practiceId))
    .orderBy(asc(offices.code));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    interfaceId: r.interfaceId,
    officeIds: officeRows.filter((o) => o.settingId === r.id).map((o) => o.id),
  }));
}

export async function getSetting(db: Db, practiceId: string, id: string): Promise<InvoiceSetting> {
  const [setting] = await listSettings(db, practiceId, [id]);
  if (!setting) throw notFound('Invoice setting');
  return setting;
}

export async function createSetting(db: Db, auth: Auth, input: { name: string }): Promise<InvoiceSetting> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(invoiceSettings)
      .values({ practiceId: auth.practiceId, name: input.name })
      .returning();
    await recordAudit(tx, auth, {
      action: 'invoice_setting.created',
      entity: 'invoice_setting',
      entityId: row!.id,
      newValue: input,
    });
    return { id: row!.id, name: row!.name, interfaceId: null, officeIds: [] };
  });
}

/** Links an invoice setting to one accounts interface (one accounts file); a second link is refused. */
export async function linkSettingToInterface(
  db: Db,
  auth: Auth,
  settingId: string,
  interfaceId: string | null,
) {
  await db.transaction(async (tx) => {
    const setting = await getSettingRow(tx, auth.practiceId, settingId);
    if (interfaceId !== null) {
      const target = await getInterfaceRow(tx, auth.practiceId, interfaceId);
      if (setting.interfaceId && setting.interfaceId !== interfaceId) {
        const current = await getInterfaceRow(tx, auth.practiceId, setting.interfaceId);
        throw conflict(
          'invoice_setting_already_linked',
          `Invoice setting "${setting.name}" is already linked to "${current.displayName}". An invoice setting posts to one accounts file: unlink it before linking "${target.displayName}".`,
          { interfaceId: 'this invoice setting is already linked to an accounts interface' },
        );
      }
    }
    await tx
      .update(invoiceSettings)
      .set({ interfaceId })
      .where(and(eq(invoiceSettings.practiceId, auth.practiceId), eq(invoiceSettings.id, settingId)));
    await recordAudit(tx, auth, {
      action: interfaceId ? 'invoice_setting.interface_linked' : 'invoice_setting.interface_unlinked',
      entity: 'invoice_setting',
      entityId: settingId,
      oldValue: { interfaceId: setting.interfaceId },
      newValue: { interfaceId },
    });
  });
  return getSetting(db, auth.practiceId, settingId);
}

// ------------------------------------------------------------------------------ accounts interfaces

type InterfaceRow = typeof accountsInterfaces.$inferSelect;

export async function getInterfaceRow(db: Db, practiceId: string, id: string): Promise<InterfaceRow> {
  const [row] = await db
    .select()
    .from(accountsInterfaces)
    .where(and(eq(accountsInterfaces.practiceId, practiceId), eq(accountsInterfaces.id, id)));
  if (!row) throw notFound('Accounts interface');
  return row;
}

export async function listInterfaces(db: Db, practiceId: string): Promise<AccountsInterface[]> {
  const rows = await db
    .select()
    .from(accountsInterfaces)
    .where(eq(accountsInterfaces.practiceId, practiceId))
    .orderBy(asc(accountsInterfaces.displayName));
  const settings = await db
    .select({ id: invoiceSettings.id, interfaceId: invoiceSettings.interfaceId })
    .from(invoiceSettings)
    .where(eq(invoiceSettings.practiceId, practiceId));
  return rows.map((r) => {
    const manifest = manifestOf(r.provider);
    return {
      id: r.id,
      displayName: r.displayName,
      provider: r.provider as ProviderId,
      providerName: manifest?.displayName ?? r.provider,
      kind: manifest?.kind ?? 'api',
      status: r.status as AccountsInterface['status'],
      tenantName: r.tenantName,
      options: r.options,
      invoiceSettingIds: settings.filter((s) => s.interfaceId === r.id).map((s) => s.id),
    };
  });
}

export async function getInterface(db: Db, practiceId: string, id: string): Promise<AccountsInterface> {
  const found = (await listInterfaces(db, practiceId)).find((i) => i.id === id);
  if (!found) throw notFound('Accounts interface');
  return found;
}

export async function createInterface(
  db: Db,
  auth: Auth,
  input: { displayName: string; provider: ProviderId },
) {
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(accountsInterfaces)
      .values({ practiceId: auth.practiceId, ...input })
      .returning();
    await recordAudit(tx, auth, {
      action: 'interface.created',
      entity: 'interface',
      entityId: row!.id,
      newValue: input,
    });
    return row!.id;
  });
  return getInterface(db, auth.practiceId, id);
}

export async function updateInterface(
  db: Db,
  auth: Auth,
  id: string,
  input: { displayName?: string | undefined },
) {
  await db.transaction(async (tx) => {
    const before = await getInterfaceRow(tx, auth.practiceId, id);
    await tx
      .update(accountsInterfaces)
      .set({ ...input, updatedAt: new Date() })
      .where(and(eq(accountsInterfaces.practiceId, auth.practiceId), eq(accountsInterfaces.id, id)));
    await recordAudit(tx, auth, {
      action: 'interface.updated',
      entity: 'interface',
      entityId: id,
      oldValue: { displayName: before.displayName },
      newValue: input,
    });
  });
  return getInterface(db, auth.practiceId, id);
}

/**
 * Deletes an interface with its mappings, reference data and history. Refused while one of its batches is
 * on its way; its invoice settings are unlinked, so their offices can be linked to another accounts file.
 */
export async function deleteInterface(db: Db, auth: Auth, id: string): Promise<void> {
  const iface = await getInterfaceRow(db, auth.practiceId, id);
  await db.transaction(async (tx) => {
    const inFlight = await tx
      .select({ number: batches.number })
      .from(batches)
      .where(
        and(
          eq(batches.practiceId, auth.practiceId),
          eq(batches.interfaceId, id),
          inArray(batches.status, ['queued', 'running']),
        ),
      );
    if (inFlight.length) {
      throw conflict(
        'interface_busy',
        `${iface.displayName} cannot be deleted while batch ${inFlight.map((b) => b.number).join(', ')} is uploading. Wait for it to finish.`,
      );
    }
    await tx
      .update(invoiceSettings)
      .set({ interfaceId: null })
      .where(and(eq(invoiceSettings.practiceId, auth.practiceId), eq(invoiceSettings.interfaceId, id)));
    await tx
      .delete(syncLedger)
      .where(and(eq(syncLedger.practiceId, auth.practiceId), eq(syncLedger.interfaceId, id)));
    await tx.delete(batches).where(and(eq(batches.practiceId, auth.practiceId), eq(batches.interfaceId, id)));
    await tx
      .delete(exportsTable)
      .where(and(eq(exportsTable.practiceId, auth.practiceId), eq(exportsTable.interfaceId, id)));
    await tx
      .delete(accountsInterfaces)
      .where(and(eq(accountsInterfaces.practiceId, auth.practiceId), eq(accountsInterfaces.id, id)));
    await recordAudit(tx, auth, {
      action: 'interface.deleted',
      entity: 'interface',
      entityId: id,
      oldValue: { displayName: iface.displayName, provider: iface.provider, tenantName: iface.tenantName },
    });
  });
}
