// Clients and jobs. Every read and write is scoped to the practice; ids of another practice are "not found".
import { and, asc, eq, ilike, or } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { clients, departments, jobs, jobTypes } from '../../db/schema.ts';
import type { Client, ClientInput, Job, JobInput } from '../contract/clients.ts';
import { badRequest, notFound } from '../http/errors.ts';
import { getOfficeRow } from './organisation.ts';

type ClientRow = typeof clients.$inferSelect;
const toClient = ({ practiceId: _p, createdAt: _c, ...rest }: ClientRow): Client => rest;
type JobRow = typeof jobs.$inferSelect;
const toJob = ({ practiceId: _p, createdAt: _c, ...rest }: JobRow): Job => rest;

export async function listClients(db: Db, practiceId: string, q?: string): Promise<Client[]> {
  const search = q ? or(ilike(clients.name, `%${q}%`), ilike(clients.clientCode, `%${q}%`)) : undefined;
  const rows = await db
    .select()
    .from(clients)
    .where(and(eq(clients.practiceId, practiceId), search))
    .orderBy(asc(clients.name));
  return rows.map(toClient);
}

export async function getClient(db: Db, practiceId: string, id: string): Promise<Client> {
  const [row] = await db
    .select()
    .from(clients)
    .where(and(eq(clients.practiceId, practiceId), eq(clients.id, id)));
  if (!row) throw notFound('Client');
  return toClient(row);
}

export async function createClient(
  db: Db,
  practiceId: string,
  input: z.infer<typeof ClientInput>,
): Promise<Client> {
  const [row] = await db
    .insert(clients)
    .values({ practiceId, ...input })
    .returning();
  return toClient(row!);
}

export async function updateClient(
  db: Db,
  practiceId: string,
  id: string,
  input: z.infer<typeof ClientInput>,
) {
  const [row] = await db
    .update(clients)
    .set(input)
    .where(and(eq(clients.practiceId, practiceId), eq(clients.id, id)))
    .returning();
  if (!row) throw notFound('Client');
  return toClient(row);
}

export async function listJobs(
  db: Db,
  practiceId: string,
  filter: { clientId?: string | undefined; officeId?: string | undefined },
) {
  const rows = await db
    .select()
    .from(jobs)
    .where(
      and(
        eq(jobs.practiceId, practiceId),
        filter.clientId ? eq(jobs.clientId, filter.clientId) : undefined,
        filter.officeId ? eq(jobs.officeId, filter.officeId) : undefined,
      ),
    )
    .orderBy(asc(jobs.code));
  return rows.map(toJob);
}

export async function getJob(db: Db, practiceId: string, id: string): Promise<Job> {
  const [row] = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.practiceId, practiceId), eq(jobs.id, id)));
  if (!row) throw notFound('Job');
  return toJob(row);
}

/** A job's references must exist in the same practice; a wrong one is the caller's field to fix. */
async function checkJobRefs(db: Db, practiceId: string, input: z.infer<typeof JobInput>) {
  const missing: Record<string, string> = {};
  await getClient(db, practiceId, input.clientId).catch(
    () => (missing.clientId = 'no such client in this practice'),
  );
  await getOfficeRow(db, practiceId, input.officeId).catch(
    () => (missing.officeId = 'no such office in this practice'),
  );
  if (input.jobTypeId) {
    const [t] = await db
      .select()
      .from(jobTypes)
      .where(and(eq(jobTypes.practiceId, practiceId), eq(jobTypes.id, input.jobTypeId)));
    if (!t) missing.jobTypeId = 'no such job type in this practice';
  }
  if (input.departmentId) {
    const [d] = await db
      .select()
      .from(departments)
      .where(and(eq(departments.practiceId, practiceId), eq(departments.id, input.departmentId)));
    if (!d) missing.departmentId = 'no such department in this practice';
  }
  if (Object.keys(missing).length)
    throw badRequest('invalid_reference', 'The job refers to records that do not exist.', missing);
}

export async function createJob(db: Db, practiceId: string, input: z.infer<typeof JobInput>): Promise<Job> {
  await checkJobRefs(db, practiceId, input);
  const [row] = await db
    .insert(jobs)
    .values({ practiceId, ...input })
    .returning();
  return toJob(row!);
}

export async function updateJob(
  db: Db,
  practiceId: string,
  id: string,
  input: z.infer<typeof JobInput>,
): Promise<Job> {
  await getJob(db, practiceId, id);
  await checkJobRefs(db, practiceId, input);
  const [row] = await db
    .update(jobs)
    .set(input)
    .where(and(eq(jobs.practiceId, practiceId), eq(jobs.id, id)))
    .returning();
  return toJob(row!);
}
