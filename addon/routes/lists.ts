// Abtrac's coded lists: departments, job types and tasks (read-only here), and tax classes, which a
// practice creates and edits (name, code, rate, prices inclusive or not).
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { departments, jobTypes, tasks } from '../../db/schema.ts';
import { IdParams } from '../contract/common.ts';
import { CodedItem, CreateTaxClass, TaxClass, UpdateTaxClass } from '../contract/organisation.ts';
import type { AppDeps } from '../deps.ts';
import { createTaxClass, listTaxClasses, updateTaxClass } from '../domain/tax-classes.ts';
import type { ApiRoutes } from '../http/route.ts';

export function listRoutes(api: ApiRoutes, { db }: AppDeps) {
  const tag = 'Lists';
  for (const [path, table, what] of [
    ['/api/departments', departments, 'departments'],
    ['/api/job-types', jobTypes, 'job types'],
    ['/api/tasks', tasks, 'tasks'],
  ] as const) {
    api.add(
      { method: 'get', path, role: 'viewer', tag, summary: `List ${what}`, response: z.array(CodedItem) },
      ({ auth }) =>
        db
          .select({ id: table.id, code: table.code, name: table.name })
          .from(table)
          .where(eq(table.practiceId, auth.practiceId))
          .orderBy(asc(table.code)),
    );
  }
  api.add(
    {
      method: 'get',
      path: '/api/tax-classes',
      role: 'viewer',
      tag,
      summary: 'List tax classes',
      response: z.array(TaxClass),
    },
    ({ auth }) => listTaxClasses(db, auth.practiceId),
  );
  api.add(
    {
      method: 'post',
      path: '/api/tax-classes',
      role: 'administrator',
      tag,
      summary:
        'Create a tax class (e.g. NZ GST 15%): name, code, rate, and whether its prices include the tax',
      body: CreateTaxClass,
      response: TaxClass,
      status: 201,
      errors: [409],
    },
    ({ auth, body }) => createTaxClass(db, auth, body),
  );
  api.add(
    {
      method: 'patch',
      path: '/api/tax-classes/:id',
      role: 'administrator',
      tag,
      summary: 'Change a tax class (its rate only while no invoice line uses it)',
      params: IdParams,
      body: UpdateTaxClass,
      response: TaxClass,
      errors: [404, 409],
    },
    ({ auth, params, body }) => updateTaxClass(db, auth, params.id, body),
  );
}
