// The workers: each server process runs them, and pg-boss hands each job to exactly one at a time.
import type { PgBoss } from 'pg-boss';
import type { LinkDeps } from './deps.ts';
import { type PushJob, runPushJob } from './push.ts';
import { QUEUES } from './queue.ts';

export async function startWorkers(boss: PgBoss, deps: LinkDeps): Promise<void> {
  await boss.work<PushJob>(QUEUES.push, { localConcurrency: 2, groupConcurrency: 1, pollingIntervalSeconds: 1 }, async (jobs) => {
    for (const job of jobs) await runPushJob(deps, job.data);
  });
}
