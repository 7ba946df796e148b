// Counting windows for the sandboxes' rate limits, on platform time.

/** Counts events in a sliding window; used for "60 calls a minute" and "8 calls a second". */
export class SlidingWindow {
  private events: number[] = [];

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Records the event if under the limit; otherwise returns the ms until one slot frees. */
  tryTake(now: number): { ok: true; remaining: number } | { ok: false; retryAfterMs: number } {
    this.prune(now);
    if (this.events.length >= this.limit) {
      return { ok: false, retryAfterMs: this.events[0]! + this.windowMs - now };
    }
    this.events.push(now);
    return { ok: true, remaining: this.limit - this.events.length };
  }

  remaining(now: number): number {
    this.prune(now);
    return this.limit - this.events.length;
  }

  private prune(now: number) {
    const from = now - this.windowMs;
    let i = 0;
    while (i < this.events.length && this.events[i]! <= from) i++;
    if (i) this.events.splice(0, i);
  }
}

/** A budget that resets at UTC midnight of platform time (Xero's daily limit). */
export class DailyBudget {
  private day = -1;
  private used = 0;

  constructor(readonly limit: number) {}

  tryTake(now: number): { ok: true; remaining: number } | { ok: false; retryAfterMs: number } {
    const day = Math.floor(now / 86_400_000);
    if (day !== this.day) {
      this.day = day;
      this.used = 0;
    }
    if (this.used >= this.limit) return { ok: false, retryAfterMs: (day + 1) * 86_400_000 - now };
    this.used++;
    return { ok: true, remaining: this.limit - this.used };
  }
}
