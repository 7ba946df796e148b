// The only file that talks to the MYOB Business API (fetch; no maintained TypeScript SDK exists, myob.md
// §7.1). Every call goes through the API key's RateGovernor and carries MYOB's headers (myob.md §2).
import type { Clock } from '../clock.ts';
import type { ConnectorError } from '../errors.ts';
import { RateGovernor, type SharedWindows } from '../governor.ts';
import type { ConnectorRuntime } from '../types.ts';
import { classifyMyobError, isRateLimit, networkError } from './errors.ts';
import { myobPlatform } from './manifest.ts';

/**
 * MYOB counts 8 calls a second and 1,000,000 a day per API key, across every company file (myob.md §4), so
 * there is one governor per API key in the process, shared by all connections. The daily window is a
 * sliding 24 hours, stricter than MYOB's day, so it can only err on the safe side.
 */
export class MyobGovernors {
  private readonly byKey = new Map<string, RateGovernor>();

  /** With `shared`, the per-second window is counted with every other process's calls on the same key. */
  constructor(private readonly shared?: SharedWindows) {}

  /** The governor of `apiKey`; the first caller's clock is the one it keeps (one clock per process). */
  for(apiKey: string, clock: Clock): RateGovernor {
    let governor = this.byKey.get(apiKey);
    if (!governor) {
      // A little over a second: MYOB counts calls as they arrive, we count them as they leave, and a
      // call that lands in the next second's window costs a RateLimitError and a second's pause.
      const second = { limit: myobPlatform.limits.perSecond, windowMs: 1_050 };
      governor = new RateGovernor(clock, {
        windows: [second, { limit: myobPlatform.limits.perDay, windowMs: 86_400_000 }],
        shared: this.shared ? { store: this.shared, key: `myob:${apiKey}`, windows: [second] } : undefined,
      });
      this.byKey.set(apiKey, governor);
    }
    return governor;
  }
}

/** The process-wide registry. Tests pass their own so each test starts with an empty window. */
export const sharedMyobGovernors = new MyobGovernors();

export interface MyobClientDeps {
  governors: MyobGovernors;
  fetch?: typeof fetch | undefined;
}

/** MYOB's list envelope (myob.md §3.8, SDK PagedCollection.cs). */
export interface MyobPage<T> {
  Items: T[];
  NextPageLink?: string | null;
  Count?: number;
}

export interface ListQuery {
  filter?: string | undefined;
  /** A stable order, since NextPageLink pages with $skip (myob.md §3.8). */
  orderby?: string | undefined;
}

interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

/** "Maximum call time is 120 seconds" (myob.md §4): past that the answer is not coming. */
const CALL_TIMEOUT_MS = 120_000;
/** A 403 RateLimitError means the request was refused, so any call may be retried (myob.md §4). */
const RATE_LIMIT_RETRIES = 6;
const RATE_LIMIT_BACKOFF_MS = 1_000;
const RATE_LIMIT_BACKOFF_CAP_MS = 30_000;
/** Reads only: a dropped connection or a gateway error is retried twice; writes never are (myob.md §5). */
const READ_RETRIES = 2;
const READ_BACKOFF_MS = 500;
const MAX_PAGES = 10_000;

/** An OData v3 string literal: quoted, with ' doubled (myob.md §3.8). */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * The most a query string may carry. MYOB does not publish a URL limit; its API is served by IIS, whose
 * request filtering refuses query strings over 2,048 bytes by default (docs/platforms/myob.md, "Filters and
 * URL length"). We stay under that with room for `$top` and `$orderby`.
 */
export const MAX_QUERY_BYTES = 2_000;
/** `&$top=1000&$orderby=…` and the `$filter=` key itself, encoded. */
const QUERY_OVERHEAD_BYTES = 80;

/**
 * `a or b or …` filters, each within MAX_QUERY_BYTES once encoded and at most `maxTerms` terms long, so a
 * chunk of 50 look-ups is one call when its numbers are short and two when they are long.
 */
export function orFilters(terms: readonly string[], maxTerms = 50): string[] {
  const out: string[] = [];
  let current: string[] = [];
  let bytes = 0;
  const sep = encodeQueryValue(' or ').length;
  for (const term of [...new Set(terms)]) {
    const size = encodeQueryValue(term).length;
    const grown = bytes + (current.length ? sep : 0) + size;
    if (current.length && (current.length >= maxTerms || grown > MAX_QUERY_BYTES - QUERY_OVERHEAD_BYTES)) {
      out.push(current.join(' or '));
      current = [];
      bytes = 0;
    }
    bytes += (current.length ? sep : 0) + size;
    current.push(term);
  }
  if (current.length) out.push(current.join(' or '));
  return out;
}

/** As sent: fetch's URL parser escapes `'` in a query too, so it is escaped here and counted. */
function encodeQueryValue(v: string): string {
  return encodeURIComponent(v).replace(/'/g, '%27');
}

function queryString(params: Record<string, string | undefined>): string {
  const parts = Object.entries(params)
    .filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')
    // `$` is kept literal and values use %20 rather than `+`, which OData servers read literally.
    .map(([k, v]) => `${k}=${encodeQueryValue(v)}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

export class MyobClient {
  /** {cf_uri}: built from the businessId chosen at connect time (myob.md §1.6), never discovered again. */
  readonly fileBase: string;
  private readonly governor: RateGovernor;
  private readonly fetchImpl: typeof fetch;

  constructor(
    private readonly rt: ConnectorRuntime,
    deps: MyobClientDeps,
  ) {
    const api = rt.baseUrls.api;
    const apiKey = rt.credentials.apiKey;
    if (!api) throw new Error('MYOB runtime has no baseUrls.api');
    if (!apiKey) throw new Error('MYOB runtime has no credentials.apiKey (x-myobapi-key)');
    this.fileBase = `${api.replace(/\/+$/, '')}${myobPlatform.paths.api}/${rt.tenantId}`;
    this.governor = deps.governors.for(apiKey, rt.clock);
    this.fetchImpl = deps.fetch ?? fetch;
  }

  url(resource: string, params: Record<string, string | undefined> = {}): string {
    return `${this.fileBase}/${resource}${queryString(params)}`;
  }

  /** GET one record or page; a non-2xx answer throws a ConnectorError. */
  async get<T>(resource: string, operation: string, params: Record<string, string | undefined> = {}) {
    const answer = await this.send('GET', this.url(resource, params), undefined, operation);
    if (answer.status >= 300) throw this.fail(answer, operation, false);
    return answer.body as T;
  }

  /** GET one record by UID; undefined when MYOB answers 404 (deleted, or never there). */
  async find<T>(resource: string, uid: string, operation: string): Promise<T | undefined> {
    const answer = await this.send('GET', this.url(`${resource}/${uid}`), undefined, operation);
    if (answer.status === 404) return undefined;
    if (answer.status >= 300) throw this.fail(answer, operation, false);
    return answer.body as T;
  }

  /**
   * Every item of a collection: `$top=1000`, the most MYOB returns per page, then NextPageLink until it is
   * null (myob.md §3.8). The link's query is replayed on our own {cf_uri} so the token never goes to a host
   * we did not choose.
   */
  async listAll<T>(resource: string, query: ListQuery, operation: string): Promise<T[]> {
    const items: T[] = [];
    let url = this.url(resource, {
      $filter: query.filter,
      $orderby: query.orderby,
      $top: String(myobPlatform.limits.pageSize),
    });
    for (let page = 0; page < MAX_PAGES; page++) {
      const answer = await this.send('GET', url, undefined, operation);
      if (answer.status >= 300) throw this.fail(answer, operation, false);
      const body = answer.body as MyobPage<T> | undefined;
      items.push(...(body?.Items ?? []));
      const next = body?.NextPageLink;
      if (!next) return items;
      url = `${this.fileBase}/${resource}${new URL(next, this.fileBase).search}`;
    }
    throw new Error(`MYOB ${resource}: more than ${MAX_PAGES} pages`);
  }

  /**
   * POST a new record: 201 Created with the new URI in Location, its UID the last segment (myob.md §3.8).
   * A dropped connection or a 5xx throws 'uncertain_outcome' (the record may exist, myob.md §5).
   */
  async create(
    resource: string,
    body: unknown,
    operation: string,
  ): Promise<{ ok: true; uid: string } | { ok: false; error: ConnectorError }> {
    const answer = await this.send('POST', this.url(resource), body, operation);
    if (answer.status >= 500) throw this.fail(answer, operation, true);
    if (answer.status === 401 || answer.status === 403) throw this.fail(answer, operation, true);
    if (answer.status >= 300) return { ok: false, error: this.fail(answer, operation, true) };
    const location = answer.headers.get('location') ?? '';
    const uid =
      location
        .replace(/[?#].*$/, '')
        .split('/')
        .filter(Boolean)
        .pop() ?? '';
    // Created but without a Location we cannot know which record it is: look it up, do not resend.
    if (!/^[0-9a-f-]{36}$/i.test(uid)) throw this.fail({ ...answer, status: 502 }, operation, true);
    return { ok: true, uid: uid.toLowerCase() };
  }

  private fail(answer: Answer, operation: string, write: boolean): ConnectorError {
    return classifyMyobError({ status: answer.status, body: answer.body, operation, write });
  }

  private async send(method: string, url: string, body: unknown, operation: string): Promise<Answer> {
    const write = method !== 'GET';
    let rateLimited = 0;
    let readFailures = 0;
    for (;;) {
      const token = await this.rt.accessToken();
      let answer: Answer;
      try {
        answer = await this.governor.run(() => this.once(method, url, body, token));
      } catch (e) {
        if (!write && readFailures < READ_RETRIES) {
          await this.rt.clock.sleep(READ_BACKOFF_MS * 2 ** readFailures++);
          continue;
        }
        throw networkError(operation, write, e);
      }
      if (isRateLimit(answer.status, answer.body)) {
        // Another process (or app instance) on the same key used the budget: everyone on this key waits,
        // doubling each time; the governor sleeps on the clock, nothing spins.
        const backoff = Math.min(RATE_LIMIT_BACKOFF_MS * 2 ** rateLimited, RATE_LIMIT_BACKOFF_CAP_MS);
        // Still refused after about a minute of backing off (the daily budget, most likely): give up.
        if (rateLimited++ >= RATE_LIMIT_RETRIES) return answer;
        this.governor.pauseFor(backoff);
        continue;
      }
      if (!write && [502, 503, 504].includes(answer.status) && readFailures < READ_RETRIES) {
        await this.rt.clock.sleep(READ_BACKOFF_MS * 2 ** readFailures++);
        continue;
      }
      return answer;
    }
  }

  private async once(method: string, url: string, body: unknown, token: string): Promise<Answer> {
    // myob.md §2: Bearer, key, v2, gzip; never x-myobapi-cftoken for cloud files (§1.7: it makes every
    // request 401 for SSO users).
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      'x-myobapi-key': this.rt.credentials.apiKey!,
      'x-myobapi-version': 'v2',
      'Accept-Encoding': 'gzip',
      Accept: 'application/json',
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await this.fetchImpl(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
    const text = await response.text();
    let parsed: unknown;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    return { status: response.status, headers: response.headers, body: parsed };
  }
}
