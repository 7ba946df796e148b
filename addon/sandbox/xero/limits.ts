// Xero's rate limits (xero.md §3): per app and tenant 5 calls in flight, 60 a minute and a daily budget; per
// app 10,000 a minute across tenants. Every API response carries the remaining counts; a breach answers
// 429 with Retry-After and X-Rate-Limit-Problem. Rejected calls do not use up quota.
import { SlidingWindow } from '../common/rate-limit.ts';

export type RateLimitProblem = 'minute' | 'day' | 'concurrent' | 'appminute';

interface TenantCounters {
  minute: SlidingWindow;
  dayIndex: number;
  dayUsed: number;
  inFlight: number;
}

export type Admission =
  | { ok: true; headers: Record<string, string>; release: () => void }
  | { ok: false; problem: RateLimitProblem; retryAfterSeconds: number; headers: Record<string, string> };

export interface LimitSettings {
  minuteLimit: number;
  dailyLimit: number;
  concurrentLimit: number;
  appMinuteLimit: number;
}

const DAY_MS = 86_400_000;

export class XeroLimits {
  private tenants = new Map<string, TenantCounters>();
  private apps = new Map<string, SlidingWindow>();

  constructor(private readonly settings: LimitSettings) {}

  private tenant(clientId: string, tenantId: string): TenantCounters {
    const key = `${clientId}\u0000${tenantId}`;
    let t = this.tenants.get(key);
    if (!t) {
      t = {
        minute: new SlidingWindow(this.settings.minuteLimit, 60_000),
        dayIndex: -1,
        dayUsed: 0,
        inFlight: 0,
      };
      this.tenants.set(key, t);
    }
    return t;
  }

  private app(clientId: string): SlidingWindow {
    let a = this.apps.get(clientId);
    if (!a) {
      a = new SlidingWindow(this.settings.appMinuteLimit, 60_000);
      this.apps.set(clientId, a);
    }
    return a;
  }

  private headers(t: TenantCounters, app: SlidingWindow, now: number): Record<string, string> {
    return {
      'X-DayLimit-Remaining': String(Math.max(0, this.settings.dailyLimit - t.dayUsed)),
      'X-MinLimit-Remaining': String(t.minute.remaining(now)),
      'X-AppMinLimit-Remaining': String(app.remaining(now)),
    };
  }

  /** Checks every limit first and only then counts the call, so a rejected call costs nothing. */
  admit(clientId: string, tenantId: string, now: number): Admission {
    const t = this.tenant(clientId, tenantId);
    const app = this.app(clientId);
    const day = Math.floor(now / DAY_MS);
    if (day !== t.dayIndex) {
      t.dayIndex = day;
      t.dayUsed = 0;
    }
    const reject = (problem: RateLimitProblem, retryAfterMs: number): Admission => ({
      ok: false,
      problem,
      retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)),
      headers: this.headers(t, app, now),
    });
    if (t.inFlight >= this.settings.concurrentLimit) return reject('concurrent', 1000);
    if (t.dayUsed >= this.settings.dailyLimit) return reject('day', (day + 1) * DAY_MS - now);
    if (t.minute.remaining(now) <= 0) {
      const probe = t.minute.tryTake(now);
      return reject('minute', probe.ok ? 1000 : probe.retryAfterMs);
    }
    if (app.remaining(now) <= 0) {
      const probe = app.tryTake(now);
      return reject('appminute', probe.ok ? 1000 : probe.retryAfterMs);
    }
    t.minute.tryTake(now);
    app.tryTake(now);
    t.dayUsed++;
    t.inFlight++;
    let released = false;
    return {
      ok: true,
      headers: this.headers(t, app, now),
      release: () => {
        if (!released) t.inFlight--;
        released = true;
      },
    };
  }

  /** The counts as they stand, for inspection. */
  snapshot(now: number) {
    return [...this.tenants.entries()].map(([key, t]) => {
      const [clientId, tenantId] = key.split('\u0000');
      return {
        clientId,
        tenantId,
        minuteRemaining: t.minute.remaining(now),
        dayRemaining: Math.max(
          0,
          this.settings.dailyLimit - (Math.floor(now / DAY_MS) === t.dayIndex ? t.dayUsed : 0),
        ),
        inFlight: t.inFlight,
      };
    });
  }

  reset() {
    this.tenants.clear();
    this.apps.clear();
  }
}
