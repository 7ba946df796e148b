// The link's workers: each server process runs them, and pg-boss hands each job to exactly one at a time.
import type { PgBoss } from 'pg-boss';
import { getInterfaceRow } from '../domain/organisation.ts';
import type { LinkEventJob } from '../routes/webhooks.ts';
import type { LinkDeps } from './deps.ts';
import { applyLedgerEvent, pollAll } from './payments.ts';
import { type PushJob, runPushJob } from './push.ts';
import { PUSH_RETRY_LIMIT, QUEUES } from './queue.ts';
import { refreshReference } from './reference.ts';

export async function startWorkers(boss: PgBoss, deps: LinkDeps): Promise<void> {
  // One accounts file's push jobs run one at a time (they share a group), several files in parallel.
  await boss.work<PushJob>(
    QUEUES.push,
    { localConcurrency: 2, groupConcurrency: 1, pollingIntervalSeconds: 1 },
    async (jobs) => {
      for (const job of jobs)
        await runPushJob(deps, job.data, { lastAttempt: job.retryCount >= PUSH_RETRY_LIMIT });
    },
  );
  await boss.work<LinkEventJob>(QUEUES.webhook, { pollingIntervalSeconds: 1 }, async (jobs) => {
    for (const job of jobs)
      await applyLedgerEvent(deps, job.data.provider, job.data.tenantId, job.data.resourceIds);
  });
  await boss.work<{ practiceId: string; interfaceId: string }>(
    QUEUES.reference,
    { pollingIntervalSeconds: 1 },
    async (jobs) => {
      for (const job of jobs)
        await refreshReference(
          deps,
          await getInterfaceRow(deps.db, job.data.practiceId, job.data.interfaceId),
        );
    },
  );
  await boss.work(QUEUES.poll, async () => {
    await pollAll(deps);
  });
}
