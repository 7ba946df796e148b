// Time as the connectors and the engine see it. Tests and benchmarks pass a manual or scaled clock;
// nothing that waits on a platform calls Date.now() or setTimeout directly.

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};
