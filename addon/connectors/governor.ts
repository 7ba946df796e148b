// Keeps one connection (or one API key) inside a platform's rate limits, so calls wait their turn instead
// of collecting 429s: sliding windows (Xero 60 a minute, MYOB 8 a second), a cap on calls in flight
// (Xero 5), and a pause after the platform says "retry after". It also listens to the platform: when
// Xero's X-MinLimit-Remaining says fewer calls are left than we counted (another process, another app
// instance), the window is filled up to match.
import type { Clock } from './clock.ts';

export interface Window {
  limit: number;
  windowMs: number;
}

/**
 * Call starts kept where every server process sees them (the add-on keeps them in PostgreSQL), because a
 * platform counts per organisation or per API key, not per process: with two processes each keeping only
 * its own window, an organisation could get twice its limit.
 */
export interface SharedWindows {
  /**
   * Records one call start at `now` under `key` when every window has room, and answers 0; otherwise
   * records nothing and answers how many ms to wait before asking again.
   */
  tryTake(key: string, windows: readonly Window[], now: number): Promise<number>;
}

export interface GovernorOptions {
  windows: Window[];
  /** Calls in flight at once (in this process); unlimited when absent. */
  concurrency?: number | undefined;
  /**
   * The windows every process shares, and the key they are counted under (the organisation or the API
   * key). Short windows only: the daily budgets are kept per process and corrected from the platform's
   * own remaining-calls headers.
   */
  shared?: { store: SharedWindows; key: string; windows: Window[] } | undefined;
}

export class RateGovernor {
  private readonly starts: number[][];
  private inFlight = 0;
  private pausedUntil = 0;
  private readonly waiting: (() => void)[] = [];
  /**
   * Callers take their slot one at a time, in order: without it every waiting caller would wake when a slot
   * frees and all but one would ask again (with shared windows, a database round trip each).
   */
  private line: Promise<void> = Promise.resolve();
  /** Calls started through this governor, for benchmarks and tests. */
  calls = 0;

  constructor(
    private readonly clock: Clock,
    private readonly options: GovernorOptions,
  ) {
    this.starts = options.windows.map(() => []);
  }

  /** Runs `fn` when the limits allow, holding a concurrency slot until it settles. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await fn();
    } finally {
      this.inFlight--;
      this.waiting.shift()?.();
    }
  }

  /** No call starts before `ms` from now (the platform's Retry-After). */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
  }

  /** The platform says `remaining` calls are left in window `index`; trust it when it is stricter. */
  observeRemaining(index: number, remaining: number): void {
    const window = this.options.windows[index];
    const starts = this.starts[index];
    if (!window || !starts || !Number.isFinite(remaining)) return;
    const now = this.clock.now();
    this.prune(now);
    const used = window.limit - Math.max(0, remaining);
    while (starts.length < used) starts.unshift(now);
  }

  private async acquire(): Promise<void> {
    const max = this.options.concurrency ?? Number.POSITIVE_INFINITY;
    while (this.inFlight >= max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.inFlight++;
    const before = this.line;
    let release = () => {};
    this.line = new Promise<void>((resolve) => {
      release = resolve;
    });
    await before;
    try {
      await this.waitForSlot();
    } finally {
      release();
    }
  }

  private async waitForSlot(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      this.prune(now);
      let wait = this.pausedUntil - now;
      this.options.windows.forEach((w, i) => {
        const starts = this.starts[i]!;
        if (starts.length >= w.limit)
          wait = Math.max(wait, starts[starts.length - w.limit]! + w.windowMs - now);
      });
      if (wait <= 0 && this.options.shared) {
        const { store, key, windows } = this.options.shared;
        wait = await store.tryTake(key, windows, now);
      }
      if (wait <= 0) break;
      await this.clock.sleep(wait);
    }
    const now = this.clock.now();
    for (const starts of this.starts) starts.push(now);
    this.calls++;
  }

  private prune(now: number) {
    this.options.windows.forEach((w, i) => {
      const starts = this.starts[i]!;
      let drop = 0;
      while (drop < starts.length && starts[drop]! <= now - w.windowMs) drop++;
      if (drop) starts.splice(0, drop);
    });
  }
}
