// Platform time for the sandboxes. Benchmarks run an hour of rate-limit windows in a minute by scaling it;
// tests move it by hand. Nothing in a sandbox calls Date.now() directly.

export interface SandboxClock {
  /** Platform time in epoch milliseconds. */
  now(): number;
  /** Waits `ms` of platform time (real time divided by the scale). */
  sleep(ms: number): Promise<void>;
}

/** Real time, optionally running `scale` times faster than the wall clock. */
export function scaledClock(scale = 1, start = Date.now()): SandboxClock {
  if (!(scale > 0)) throw new RangeError('scale must be positive');
  const realStart = Date.now();
  return {
    now: () => Math.floor(start + (Date.now() - realStart) * scale),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms / scale))),
  };
}

export interface ManualClock extends SandboxClock {
  advance(ms: number): void;
  set(epochMs: number): void;
}

/** A clock that moves only when told to; sleep() resolves once the clock has been advanced far enough. */
export function manualClock(start = Date.UTC(2026, 10, 1)): ManualClock {
  let now = start;
  let waiters: { until: number; resolve: () => void }[] = [];
  const wake = () => {
    const due = waiters.filter((w) => w.until <= now);
    waiters = waiters.filter((w) => w.until > now);
    for (const w of due) w.resolve();
  };
  return {
    now: () => now,
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        waiters.push({ until: now + ms, resolve });
        wake();
      }),
    advance(ms) {
      now += ms;
      wake();
    },
    set(epochMs) {
      now = epochMs;
      wake();
    },
  };
}
