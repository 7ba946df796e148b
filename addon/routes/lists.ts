// Abtrac's coded lists, read-only here: departments, job types, tasks and tax classes.
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { departments, jobTypes, tasks, taxClasses } from '../../db/schema.ts';
import { CodedItem, TaxClass } from '../contract/organisation.ts';
import type { AppDeps } from '../deps.ts';
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
    ({ auth }) =>
      db
        .select({
          id: taxClasses.id,
          code: taxClasses.code,
          name: taxClasses.name,
          ratePercent: taxClasses.ratePercent,
        })
        .from(taxClasses)
        .where(eq(taxClasses.practiceId, auth.practiceId))
        .orderBy(asc(taxClasses.code)),
  );
}
