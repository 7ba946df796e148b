// Idempotency-Key (xero.md §4): on POST, PUT and PATCH; kept 6 minutes of platform time from the first call;
// a repeat returns the first response (errors included, "the error will be cached"); a concurrent repeat
// waits for the first; the same key with a different URL, body or method answers 400; keys are per app and
// at most 128 characters. Keys are checked after rate limiting, so retries still use quota.
import { createHash } from 'node:crypto';
import { json } from '../common/http.ts';
import type { XeroContext } from './context.ts';
import type { IdempotencyRecord } from './state.ts';

export const IDEMPOTENCY_TTL_MS = 6 * 60_000;
const MAX_KEY_LENGTH = 128;

const inFlight = new WeakMap<XeroContext, Map<string, Promise<void>>>();

function fingerprint(method: string, url: URL, body: string): string {
  return createHash('sha256').update(`${method}\n${url.pathname}${url.search}\n${body}`).digest('hex');
}

function replay(record: IdempotencyRecord): Response {
  const headers = new Headers(record.response.headers);
  return new Response(record.response.body || null, { status: record.response.status, headers });
}

function badKey(detail: string): Response {
  return json({ Title: 'Bad Request', Status: 400, Detail: detail }, { status: 400 });
}

/**
 * Runs `handler` at most once per (app, key) within the window. `body` is the raw request text.
 * Responses from `handler` are stored before they are returned, so a dropped connection after the work
 * (commit-then-drop) still leaves the first response to replay.
 */
export async function withIdempotency(
  ctx: XeroContext,
  clientId: string,
  request: Request,
  body: string,
  handler: () => Promise<Response>,
): Promise<Response> {
  const method = request.method.toUpperCase();
  const key = request.headers.get('idempotency-key');
  if (!key || !['POST', 'PUT', 'PATCH'].includes(method)) return handler();
  if (key.length > MAX_KEY_LENGTH)
    return badKey(`Idempotency Key: must be ${MAX_KEY_LENGTH} characters or fewer.`);
  const print = fingerprint(method, new URL(request.url), body);
  const slot = `${clientId}\u0000${key}`;
  let waiting = inFlight.get(ctx);
  if (!waiting) {
    waiting = new Map();
    inFlight.set(ctx, waiting);
  }
  const running = waiting.get(slot);
  if (running) await running;

  const now = ctx.clock.now();
  ctx.state.idempotency = ctx.state.idempotency.filter((r) => now - r.at < IDEMPOTENCY_TTL_MS);
  const existing = ctx.state.idempotency.find((r) => r.clientId === clientId && r.key === key);
  if (existing) {
    if (existing.fingerprint !== print)
      return badKey(`Idempotency Key: ${key} is used with a different request.`);
    return replay(existing);
  }

  let done!: () => void;
  waiting.set(
    slot,
    new Promise<void>((resolve) => {
      done = resolve;
    }),
  );
  try {
    const response = await handler();
    const text = await response.text();
    const headers: [string, string][] = [];
    response.headers.forEach((v, k) => {
      headers.push([k, v]);
    });
    const record: IdempotencyRecord = {
      clientId,
      key,
      fingerprint: print,
      at: now,
      response: { status: response.status, headers, body: text },
    };
    ctx.state.idempotency.push(record);
    ctx.changed();
    return replay(record);
  } finally {
    waiting.delete(slot);
    done();
  }
}
