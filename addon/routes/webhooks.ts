// Xero's webhook: signature checked on the raw body with a timing-safe compare (401 otherwise), answered
// at once with an empty 200, and the work done in a job (Xero wants the answer within 5 seconds).
// https://developer.xero.com/documentation/guides/webhooks/overview (docs/platforms/xero.md, "Webhooks")
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
    // Xero wants 200 for every correctly signed delivery; anything else is retried for a day and then
    // disables the webhook for every tenant (docs/platforms/xero.md, "Webhooks"). What cannot be read is
    // logged and dropped: the hourly poll brings back whatever it was about.
    let batch: ReturnType<typeof parseXeroEvents>;
    try {
      batch = parseXeroEvents(body);
    } catch (e) {
      opts.log.warn(
        { bytes: body.length, reason: e instanceof Error ? e.message : String(e) },
        'signed Xero webhook could not be read; dropped',
      );
      res.status(200).end();
      return;
    }
    if (batch.unreadable || batch.ignored) {
      opts.log.info(
        { unreadable: batch.unreadable, ignored: batch.ignored },
        'signed Xero webhook events dropped (unknown category or shape)',
      );
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
