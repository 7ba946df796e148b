// Xero webhooks (docs/platforms/xero.md, "Webhooks"): the signature check on the raw body and the payload
// parsed per Xero's webhook schema. The route that answers Xero (200 empty within 5 s, 401 on a bad signature, the
// "intent to receive" handshake) belongs to the engine.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * `x-xero-signature` = base64(HMAC-SHA256(raw body bytes, webhook signing key)). Compared in constant time;
 * a missing or malformed header is simply "not signed by Xero".
 */
export function verifyXeroSignature(
  rawBody: Buffer,
  signatureHeader: string | undefined,
  key: string,
): boolean {
  if (!signatureHeader || !key) return false;
  const expected = createHmac('sha256', key).update(rawBody).digest();
  let given: Buffer;
  try {
    given = Buffer.from(signatureHeader.trim(), 'base64');
  } catch {
    return false;
  }
  if (given.length !== expected.length) return false;
  return timingSafeEqual(given, expected);
}

export const XERO_EVENT_CATEGORIES = ['INVOICE', 'CREDITNOTE', 'CONTACT'] as const;
export type XeroEventCategory = (typeof XERO_EVENT_CATEGORIES)[number];

export interface XeroEvent {
  category: XeroEventCategory;
  type: 'CREATE' | 'UPDATE';
  resourceId: string;
  resourceUrl: string;
  tenantId: string;
  eventDate: Date;
  /** CREDITNOTE events carry { Type, Status } (xero.md §5). */
  data?: { type?: string | undefined; status?: string | undefined } | undefined;
}

export interface XeroWebhookBatch {
  events: XeroEvent[];
  firstEventSequence: number;
  lastEventSequence: number;
  /** Xero's "intent to receive" probe: a signed payload with no events. */
  intentToReceive: boolean;
  /** Events of categories we do not act on (SUBSCRIPTION), counted but not returned. */
  ignored: number;
  /** Events not in Xero's documented shape (an unknown eventType, a missing id): dropped, counted. */
  unreadable: number;
}

// Site examples say "Update" where the schema says "UPDATE": compare case-insensitively (xero.md §5).
const upper = z.string().transform((s) => s.trim().toUpperCase());

const eventSchema = z.object({
  resourceUrl: z.string(),
  resourceId: z.string().min(1),
  eventDateUtc: z.string(),
  eventType: upper.pipe(z.enum(['CREATE', 'UPDATE'])),
  eventCategory: upper,
  tenantId: z.string().min(1),
  tenantType: upper,
  data: z
    .object({ Type: z.string().optional(), Status: z.string().optional() })
    .passthrough()
    .optional()
    .nullable(),
});

// The envelope is checked, and each event on its own: one odd event does not hide the others.
const payloadSchema = z.object({
  events: z.array(z.unknown()),
  firstEventSequence: z.number().int(),
  lastEventSequence: z.number().int(),
  entropy: z.string(),
});

export class XeroWebhookPayloadError extends Error {}

/** "2024-06-21T01:15:39.902" is UTC without an offset (xero.md §5). */
function eventDate(value: string): Date {
  const withZone = /[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`;
  const ms = Date.parse(withZone);
  return new Date(Number.isNaN(ms) ? 0 : ms);
}

/** Parses a verified body. Throws XeroWebhookPayloadError when it is not Xero's shape. */
export function parseXeroEvents(rawBody: Buffer | string): XeroWebhookBatch {
  let json: unknown;
  try {
    json = JSON.parse(typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8'));
  } catch {
    throw new XeroWebhookPayloadError('The webhook body is not JSON.');
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) {
    throw new XeroWebhookPayloadError(
      `The webhook body is not a Xero event list: ${parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ')}`,
    );
  }
  const events: XeroEvent[] = [];
  let ignored = 0;
  let unreadable = 0;
  for (const raw of parsed.data.events) {
    const one = eventSchema.safeParse(raw);
    if (!one.success) {
      unreadable++;
      continue;
    }
    const e = one.data;
    const category = XERO_EVENT_CATEGORIES.find((c) => c === e.eventCategory);
    if (!category) {
      ignored++;
      continue;
    }
    events.push({
      category,
      type: e.eventType,
      resourceId: e.resourceId.toLowerCase(),
      resourceUrl: e.resourceUrl,
      tenantId: e.tenantId.toLowerCase(),
      eventDate: eventDate(e.eventDateUtc),
      ...(e.data ? { data: { type: e.data.Type, status: e.data.Status } } : {}),
    });
  }
  return {
    events,
    firstEventSequence: parsed.data.firstEventSequence,
    lastEventSequence: parsed.data.lastEventSequence,
    intentToReceive: parsed.data.events.length === 0,
    ignored,
    unreadable,
  };
}
