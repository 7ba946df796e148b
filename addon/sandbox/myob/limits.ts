// Rate limits: 8 calls a second and 1,000,000 a day per API key, across all tenants; over-limit is HTTP 403
// RateLimitError, not 429 (myob.md §4). Also the per-key, per-file call statistics the inspection API shows.
import { DailyBudget, SlidingWindow } from '../common/rate-limit.ts';

export type LimitVerdict = { ok: true } | { ok: false; period: 'per-second' | 'daily' };

export class KeyLimits {
  private readonly perSecond = new Map<string, SlidingWindow>();
  private readonly daily = new Map<string, DailyBudget>();

  constructor(
    private readonly perSecondLimit: number,
    private readonly dailyLimit: number,
  ) {}

  take(apiKey: string, now: number): LimitVerdict {
    let window = this.perSecond.get(apiKey);
    if (!window) {
      window = new SlidingWindow(this.perSecondLimit, 1000);
      this.perSecond.set(apiKey, window);
    }
    if (!window.tryTake(now).ok) return { ok: false, period: 'per-second' };
    let budget = this.daily.get(apiKey);
    if (!budget) {
      budget = new DailyBudget(this.dailyLimit);
      this.daily.set(apiKey, budget);
    }
    if (!budget.tryTake(now).ok) return { ok: false, period: 'daily' };
    return { ok: true };
  }
}

export interface CallStatsView {
  apiKey: string;
  /** '' for calls outside a company file (e.g. GET /accountright/). */
  businessId: string;
  calls: number;
  byStatus: Record<string, number>;
  rateLimited: number;
  /** Most calls answered (not rate-limited) within any sliding one-second window. */
  maxCallsInOneSecond: number;
  /** Most calls attempted, rate-limited ones included, within any sliding one-second window. */
  maxAttemptsInOneSecond: number;
}

class Recent {
  private times: number[] = [];
  max = 0;
  add(now: number) {
    this.times.push(now);
    while (this.times.length && this.times[0]! <= now - 1000) this.times.shift();
    this.max = Math.max(this.max, this.times.length);
  }
}

interface Entry {
  view: CallStatsView;
  answered: Recent;
  attempted: Recent;
}

export class CallStats {
  private readonly entries = new Map<string, Entry>();

  record(apiKey: string, businessId: string, status: number, rateLimited: boolean, at: number): void {
    const key = `${apiKey}\u0000${businessId}`;
    let entry = this.entries.get(key);
    if (!entry) {
      entry = {
        view: {
          apiKey,
          businessId,
          calls: 0,
          byStatus: {},
          rateLimited: 0,
          maxCallsInOneSecond: 0,
          maxAttemptsInOneSecond: 0,
        },
        answered: new Recent(),
        attempted: new Recent(),
      };
      this.entries.set(key, entry);
    }
    const v = entry.view;
    v.calls++;
    v.byStatus[status] = (v.byStatus[status] ?? 0) + 1;
    entry.attempted.add(at);
    if (rateLimited) v.rateLimited++;
    else entry.answered.add(at);
    v.maxCallsInOneSecond = entry.answered.max;
    v.maxAttemptsInOneSecond = entry.attempted.max;
  }

  view(): CallStatsView[] {
    return [...this.entries.values()].map((e) => ({ ...e.view, byStatus: { ...e.view.byStatus } }));
  }

  reset(): void {
    this.entries.clear();
  }
}
