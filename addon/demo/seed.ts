// Seeds "Demo Architects" on first start: 3 offices (two sharing one invoice setting), departments, job
// types, tasks, 25 clients, 40 jobs and 120 committed invoices. Deterministic: the same seed, the same data.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  accountsInterfaces,
  clients,
  departments,
  invoiceLines,
  invoiceSettings,
  invoices,
  jobs,
  jobTypes,
  offices,
  practices,
  tasks,
  taxClasses,
  users,
} from '../../db/schema.ts';
import { computeLine, formatDecimal, sumLines, type TaxMode } from '../domain/money.ts';
import {
  CITIES,
  CLIENT_NAMES,
  DEMO_DEPARTMENTS,
  DEMO_INTERFACES,
  DEMO_JOB_TYPES,
  DEMO_OFFICES,
  DEMO_PRACTICE,
  DEMO_TASKS,
  DEMO_TAX_CLASSES,
  JOB_NAMES,
  LINE_TEXT,
  STREETS,
} from './fixtures.ts';
import { seededRandom } from './random.ts';

export const DEMO_COUNTS = { clients: 25, jobs: 40, invoices: 120 } as const;

/**
 * Jobs the demo's Xero organisation (tracking category "Job": "J1001 Harbour House", ...) and MYOB company
 * file (jobs J1001, J1002, J2001) already have: matched by job code in both.
 */
const DEMO_LEDGER_JOBS: readonly (readonly [string, string])[] = [
  ['J1001', 'Harbour House'],
  ['J1002', 'Civic Library'],
  ['J2001', 'Laneway Cafe Interior'],
];

/** Returns the demo practice's id, seeding it first if it does not exist yet. */
export async function ensureDemoPractice(db: Db): Promise<string> {
  const [existing] = await db
    .select({ id: practices.id })
    .from(practices)
    .where(eq(practices.isDemo, true))
    .limit(1);
  if (existing) return existing.id;
  return seedPractice(db, { name: DEMO_PRACTICE.name, isDemo: true, seed: 20261125 });
}

export interface SeedOptions {
  name: string;
  isDemo?: boolean;
  seed: number;
  adminEmail?: string;
}

/** Seeds a whole practice; tests use it to build several walled-off practices. */
export async function seedPractice(db: Db, options: SeedOptions): Promise<string> {
  const rnd = seededRandom(options.seed);
  return db.transaction(async (tx) => {
    const [practice] = await tx
      .insert(practices)
      .values({ name: options.name, isDemo: options.isDemo ?? false })
      .returning();
    const practiceId = practice!.id;
    await tx.insert(users).values({
      practiceId,
      email: options.adminEmail ?? DEMO_PRACTICE.adminEmail,
      name: DEMO_PRACTICE.adminName,
    });

    const settingNames = [...new Set(DEMO_OFFICES.map((o) => o.setting))];
    const settingRows = await tx
      .insert(invoiceSettings)
      .values(settingNames.map((name) => ({ practiceId, name })))
      .returning();
    const settingId = new Map(settingRows.map((s) => [s.name, s.id]));
    const interfaceRows = await tx
      .insert(accountsInterfaces)
      .values(DEMO_INTERFACES.map((i) => ({ practiceId, displayName: i.displayName, provider: i.provider })))
      .returning();
    for (const link of DEMO_INTERFACES) {
      const iface = interfaceRows.find((r) => r.displayName === link.displayName)!;
      await tx
        .update(invoiceSettings)
        .set({ interfaceId: iface.id })
        .where(eq(invoiceSettings.id, settingId.get(link.setting)!));
    }
    const officeRows = await tx
      .insert(offices)
      .values(
        DEMO_OFFICES.map((o) => ({
          practiceId,
          code: o.code,
          name: o.name,
          invoiceSettingId: settingId.get(o.setting)!,
        })),
      )
      .returning();

    const coded = (list: readonly (readonly [string, string])[]) =>
      list.map(([code, name]) => ({ practiceId, code, name }));
    const deptRows = await tx.insert(departments).values(coded(DEMO_DEPARTMENTS)).returning();
    const typeRows = await tx.insert(jobTypes).values(coded(DEMO_JOB_TYPES)).returning();
    const taskRows = await tx.insert(tasks).values(coded(DEMO_TASKS)).returning();
    const classRows = await tx
      .insert(taxClasses)
      .values(DEMO_TAX_CLASSES.map((c) => ({ practiceId, ...c })))
      .returning();
    const gst = classRows.find((c) => c.code === 'GST')!;
    const free = classRows.find((c) => c.code === 'FRE')!;

    const clientRows = await tx
      .insert(clients)
      .values(
        CLIENT_NAMES.slice(0, DEMO_COUNTS.clients).map((name, i) => {
          // The last client is overseas: its invoices are in NZD and GST-free.
          const place = i === DEMO_COUNTS.clients - 1 ? CITIES[3] : CITIES[i % 3]!;
          return {
            practiceId,
            clientCode: `C${String(i + 1).padStart(3, '0')}`,
            name,
            email: `accounts@${name.toLowerCase().replace(/[^a-z]+/g, '')}.example`,
            addressLine1: `${rnd.int(1, 400)} ${rnd.pick(STREETS)}`,
            addressLine2: rnd.chance(0.2) ? `Level ${rnd.int(2, 30)}` : null,
            ...place,
          };
        }),
      )
      .returning();

    const jobRows = await tx
      .insert(jobs)
      .values(
        Array.from({ length: DEMO_COUNTS.jobs }, (_, i) => {
          const client = clientRows[i % clientRows.length]!;
          // The first jobs are the ones the demo ledgers already track (Xero's "Job" options, MYOB's jobs),
          // so lines carry a job even before "create jobs" is ticked.
          const known = DEMO_LEDGER_JOBS[i];
          // Drawn for every job, so the rest of the demo data stays what it was.
          const drawn = `${client.name.split(' ')[0]} ${rnd.pick(JOB_NAMES)}`;
          return {
            practiceId,
            code: known?.[0] ?? `J26${String(i + 1).padStart(3, '0')}`,
            name: known?.[1] ?? drawn,
            clientId: client.id,
            officeId: officeRows[i % officeRows.length]!.id,
            jobTypeId: rnd.pick(typeRows).id,
            departmentId: rnd.pick(deptRows).id,
          };
        }),
      )
      .returning();

    // Ids are made here so the invoices and their lines go in as two bulk inserts.
    const start = Date.UTC(2026, 0, 5);
    const invoiceRows: (typeof invoices.$inferInsert)[] = [];
    const lineRows: (typeof invoiceLines.$inferInsert)[] = [];
    for (let i = 0; i < DEMO_COUNTS.invoices; i++) {
      const job = jobRows[rnd.int(0, jobRows.length - 1)]!;
      const client = clientRows.find((c) => c.id === job.clientId)!;
      const overseas = client.country === 'New Zealand';
      const isCredit = i % 20 === 7; // six credit notes
      const taxMode: TaxMode = rnd.chance(0.15) ? 'inclusive' : 'exclusive';
      const date = new Date(start + i * 2.7 * 86_400_000);
      const invoiceId = randomUUID();
      const lineCount = isCredit ? rnd.int(1, 2) : rnd.int(1, 12);
      const lines = Array.from({ length: lineCount }, (_, n) => {
        const category = n === 0 ? 'fee' : rnd.pick(['fee', 'disbursement', 'variation', 'expense'] as const);
        const hours = category === 'fee' || category === 'variation';
        const quantity = hours ? formatDecimal(BigInt(rnd.int(1, 80)) * 2500n, 4) : String(rnd.int(1, 3));
        const unitPrice = hours
          ? formatDecimal(BigInt(rnd.int(140, 320)) * 10000n, 4)
          : formatDecimal(BigInt(rnd.int(1500, 95000)) * 100n, 4);
        const taxClass = overseas || (category === 'disbursement' && rnd.chance(0.4)) ? free : gst;
        const qty = isCredit ? `-${quantity}` : quantity;
        const amounts = computeLine(
          { quantity: qty, unitPrice, taxRatePercent: taxClass.ratePercent },
          taxMode,
        );
        return {
          practiceId,
          invoiceId,
          position: n + 1,
          category,
          description: isCredit ? `Credit: ${rnd.pick(LINE_TEXT[category])}` : rnd.pick(LINE_TEXT[category]),
          quantity: qty,
          unitPrice,
          taskId: category === 'fee' ? rnd.pick(taskRows).id : null,
          taxClassId: taxClass.id,
          ...amounts,
        };
      });
      lineRows.push(...lines);
      invoiceRows.push({
        id: invoiceId,
        practiceId,
        number: `INV-${10001 + i}`,
        officeId: job.officeId,
        clientId: client.id,
        jobId: job.id,
        invoiceDate: date.toISOString().slice(0, 10),
        dueDate: new Date(date.getTime() + 30 * 86_400_000).toISOString().slice(0, 10),
        status: 'committed',
        committedAt: date,
        currency: overseas ? 'NZD' : 'AUD',
        taxMode,
        reference: job.code,
        ...sumLines(lines),
      });
    }
    await tx.insert(invoices).values(invoiceRows);
    await tx.insert(invoiceLines).values(lineRows);
    return practiceId;
  });
}
