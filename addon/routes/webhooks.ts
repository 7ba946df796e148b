// Xero's webhook: signature checked on the raw body with a timing-safe compare (401 otherwise), answered
// at once with an empty 200, and the work done in a job (Xero wants the answer within 5 seconds).
// https://developer.xero.com/documentation/guides/webhooks/overview (xero.md §5)
import express, { type Router } from 'express';
import type { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import { xeroPlatform } from '../connectors/xero/manifest.ts';
import { parseXeroEvents, verifyXeroSignature } from '../connectors/xero/webhook.ts';
import { QUEUES } from '../link/queue.ts';

export interface LinkEventJob {
  provider: 'xero';
  tenantId: string;
  resourceIds: string[];
}

export function xeroWebhookRouter(opts: {
  signingKey: string;
  boss: () => PgBoss | undefined;
  log: Logger;
}): Router {
  const router = express.Router();
  router.post(xeroPlatform.routes.webhook, express.raw({ type: '*/*', limit: '1mb' }), async (req, res) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!verifyXeroSignature(body, req.get('x-xero-signature'), opts.signingKey)) {
      res.status(401).end();
      return;
    }
    let batch: ReturnType<typeof parseXeroEvents>;
    try {
      batch = parseXeroEvents(body);
    } catch {
      res.status(400).end();
      return;
    }
    // Intent to receive: a correctly signed delivery with no events just needs the 200.
    const byTenant = new Map<string, Set<string>>();
    for (const e of batch.events) {
      if (e.category !== 'INVOICE' && e.category !== 'CREDITNOTE') continue;
      byTenant.set(e.tenantId, (byTenant.get(e.tenantId) ?? new Set()).add(e.resourceId));
    }
    const boss = opts.boss();
    for (const [tenantId, ids] of byTenant) {
      const job: LinkEventJob = { provider: 'xero', tenantId, resourceIds: [...ids] };
      if (boss) await boss.send(QUEUES.webhook, job);
      else opts.log.warn({ tenantId }, 'webhook received while the job queue is not running');
    }
    res.status(200).end();
  });
  return router;
}
