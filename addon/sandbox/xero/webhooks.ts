// Webhook deliveries (xero.md §5, xero-webhooks.yaml): INVOICE, CREDITNOTE and CONTACT events, batched and
// POSTed after the change with x-xero-signature = base64(HMAC-SHA256(raw body, signing key)). Payloads
// carry no entity data except CREDITNOTE's {Type, Status}; receivers fetch resourceUrl.
import { createHmac } from 'node:crypto';
import type { XeroContext } from './context.ts';
import { webhookTimestamp } from './dates.ts';
import { nextRandom } from './random.ts';

export type WebhookCategory = 'INVOICE' | 'CREDITNOTE' | 'CONTACT';

export interface WebhookEventItem {
  resourceUrl: string;
  resourceId: string;
  eventDateUtc: string;
  eventType: 'CREATE' | 'UPDATE';
  eventCategory: WebhookCategory;
  tenantId: string;
  tenantType: 'ORGANISATION';
  data?: { Type: string; Status: string };
}

export interface WebhookPayload {
  events: WebhookEventItem[];
  firstEventSequence: number;
  lastEventSequence: number;
  entropy: string;
}

export interface IntentToReceiveResult {
  passed: boolean;
  /** Status for the correctly signed payload (must be 200). */
  correctlySigned: number | 'network-error';
  /** Status for the incorrectly signed payload (must be 401). */
  incorrectlySigned: number | 'network-error';
}

const RESOURCE = { INVOICE: 'Invoices', CREDITNOTE: 'CreditNotes', CONTACT: 'Contacts' } as const;
const MAX_ATTEMPTS = 5;
const BATCH_SIZE = 100;

export function signWebhookBody(body: string, signingKey: string): string {
  return createHmac('sha256', signingKey).update(body, 'utf8').digest('base64');
}

export class WebhookQueue {
  private pending: { event: WebhookEventItem; attempts: number }[] = [];
  private scheduled = false;
  private sending: Promise<void> = Promise.resolve();

  constructor(private readonly ctx: () => XeroContext) {}

  private entropy(): string {
    const state = this.ctx().state;
    let s = '';
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    for (let i = 0; i < 20; i++) s += alphabet[Math.floor(nextRandom(state) * alphabet.length)];
    return s;
  }

  enqueue(
    tenantId: string,
    category: WebhookCategory,
    eventType: 'CREATE' | 'UPDATE',
    resourceId: string,
    data?: WebhookEventItem['data'],
  ) {
    const ctx = this.ctx();
    if (!ctx.options.webhook) return;
    this.pending.push({
      attempts: 0,
      event: {
        resourceUrl: `${ctx.options.publicBaseUrls.api}/api.xro/2.0/${RESOURCE[category]}/${resourceId}`,
        resourceId,
        eventDateUtc: webhookTimestamp(ctx.clock.now()),
        eventType,
        eventCategory: category,
        tenantId,
        tenantType: 'ORGANISATION',
        ...(data ? { data } : {}),
      },
    });
    // Batched: everything changed in this turn of the event loop goes in one delivery, after the response.
    if (!this.scheduled) {
      this.scheduled = true;
      setTimeout(() => {
        this.scheduled = false;
        void this.flush();
      }, 0).unref?.();
    }
  }

  private async post(url: string, body: string, signature: string): Promise<number | 'network-error'> {
    const deliver = this.ctx().options.webhook?.deliver ?? fetch;
    try {
      const res = await deliver(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-xero-signature': signature,
          'user-agent': 'Xero-Webhooks',
        },
        body,
      });
      await res.arrayBuffer().catch(() => undefined);
      return res.status;
    } catch {
      return 'network-error';
    }
  }

  /** Sends everything pending now; resolves when every delivery so far has finished. */
  flush(): Promise<void> {
    this.sending = this.sending.then(async () => {
      const ctx = this.ctx();
      const hook = ctx.options.webhook;
      while (hook && this.pending.length) {
        const batch = this.pending.splice(0, BATCH_SIZE);
        const state = ctx.state.webhooks;
        const payload: WebhookPayload = {
          events: batch.map((b) => b.event),
          firstEventSequence: state.sequence + 1,
          lastEventSequence: state.sequence + batch.length,
          entropy: this.entropy(),
        };
        state.sequence += batch.length;
        const body = JSON.stringify(payload);
        const status = await this.post(hook.url, body, signWebhookBody(body, hook.signingKey));
        state.deliveries.push({
          at: ctx.clock.now(),
          firstEventSequence: payload.firstEventSequence,
          lastEventSequence: payload.lastEventSequence,
          events: batch.length,
          status,
        });
        if (state.deliveries.length > 200) state.deliveries.splice(0, state.deliveries.length - 200);
        ctx.changed();
        // xero.md §5: failed deliveries are retried; here on the next flush, up to a few attempts.
        if (status === 'network-error' || status < 200 || status > 299) {
          const retry = batch.filter((b) => ++b.attempts < MAX_ATTEMPTS);
          this.pending.unshift(...retry);
          break;
        }
      }
    });
    return this.sending;
  }

  pendingCount(): number {
    return this.pending.length;
  }

  /**
   * Intent to receive (xero.md §5): an empty-events payload signed correctly must get 200, one signed
   * incorrectly must get 401.
   */
  async intentToReceive(): Promise<IntentToReceiveResult> {
    const hook = this.ctx().options.webhook;
    if (!hook) throw new Error('No webhook configured for this sandbox');
    const body = JSON.stringify({
      events: [],
      lastEventSequence: 0,
      firstEventSequence: 0,
      entropy: this.entropy(),
    });
    const good = signWebhookBody(body, hook.signingKey);
    const bad = signWebhookBody(body, `${hook.signingKey}-wrong`);
    const correctlySigned = await this.post(hook.url, body, good);
    const incorrectlySigned = await this.post(hook.url, body, bad);
    return {
      passed: correctlySigned === 200 && incorrectlySigned === 401,
      correctlySigned,
      incorrectlySigned,
    };
  }
}
