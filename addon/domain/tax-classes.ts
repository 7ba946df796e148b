// Abtrac's tax classes: what a practice really charges (an NZ office's 15% GST beside Australia's 10%).
// A class's rate is part of every line priced with it, so it is fixed once a line uses it: a new rate is
// a new class, and the invoices already priced keep theirs.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { invoiceLines, taxClasses } from '../../db/schema.ts';
import type { TaxClass } from '../contract/organisation.ts';
import type { Auth } from '../http/auth.ts';
import { conflict, notFound } from '../http/errors.ts';
import { recordAudit } from './audit.ts';
import { formatDecimal, parseDecimal, RATE_SCALE } from './money.ts';

type Row = typeof taxClasses.$inferSelect;

const view = (r: Row): TaxClass => ({
  id: r.id,
  code: r.code,
  name: r.name,
  // "15.0000" from numeric -> "15"
  ratePercent: formatDecimal(parseDecimal(r.ratePercent, RATE_SCALE), RATE_SCALE),
  inclusive: r.inclusive,
});

export async function listTaxClasses(db: Db, practiceId: string): Promise<TaxClass[]> {
  const rows = await db
    .select()
    .from(taxClasses)
    .where(eq(taxClasses.practiceId, practiceId))
    .orderBy(asc(taxClasses.code));
  return rows.map(view);
}

async function getRow(db: Db, practiceId: string, id: string): Promise<Row> {
  const [row] = await db
    .select()
    .from(taxClasses)
    .where(and(eq(taxClasses.practiceId, practiceId), eq(taxClasses.id, id)));
  if (!row) throw notFound('Tax class');
  return row;
}

export async function createTaxClass(
  db: Db,
  auth: Auth,
  input: { code: string; name: string; ratePercent: string; inclusive: boolean },
): Promise<TaxClass> {
  // The change and its audit row commit together or not at all.
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(taxClasses)
      .values({ practiceId: auth.practiceId, ...input })
      .returning();
    await recordAudit(tx, auth, {
      action: 'tax_class.created',
      entity: 'tax_class',
      entityId: row!.id,
      newValue: input,
    });
    return view(row!);
  });
}

export async function updateTaxClass(
  db: Db,
  auth: Auth,
  id: string,
  input: {
    code?: string | undefined;
    name?: string | undefined;
    ratePercent?: string | undefined;
    inclusive?: boolean | undefined;
  },
): Promise<TaxClass> {
  const before = await getRow(db, auth.practiceId, id);
  const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  if (
    input.ratePercent !== undefined &&
    parseDecimal(input.ratePercent, RATE_SCALE) !== parseDecimal(before.ratePercent, RATE_SCALE)
  ) {
    const [used] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(invoiceLines)
      .where(and(eq(invoiceLines.practiceId, auth.practiceId), eq(invoiceLines.taxClassId, id)));
    if ((used?.n ?? 0) > 0) {
      throw conflict(
        'tax_class_in_use',
        `${before.name} prices ${used!.n} invoice lines at ${view(before).ratePercent}%: its rate cannot change. Create a new tax class for the new rate.`,
        { ratePercent: 'cannot change once invoice lines use this class' },
      );
    }
  }
  if (!Object.keys(changes).length) return view(before);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(taxClasses)
      .set(changes)
      .where(and(eq(taxClasses.practiceId, auth.practiceId), eq(taxClasses.id, id)))
      .returning();
    await recordAudit(tx, auth, {
      action: 'tax_class.changed',
      entity: 'tax_class',
      entityId: id,
      oldValue: view(before),
      newValue: view(row!),
    });
    return view(row!);
  });
}
