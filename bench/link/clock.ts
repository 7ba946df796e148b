// Platform time for the push, pull and soak benchmarks. One object is handed to the sandboxes, the
// connectors' runtimes and LinkDeps, so governors and the sandboxes' rate-limit windows read the same time.
// Beyond sandbox/common/clock.ts's scaledClock it can jump (to lay down a minute of earlier calls in no real
// time, see warmWindow in sandboxes.ts) and change scale between phases of one run.
import type { Clock } from '../../addon/connectors/clock.ts';

export interface BenchClock extends Clock {
  /** Platform ms per real ms. */
  readonly scale: number;
  /** Moves platform time forward at once (only between phases: a sleeper's timer is not shortened). */
  jump(ms: number): void;
  /** Changes the rate from now on; platform time stays continuous. */
  setScale(scale: number): void;
}

export function benchClock(scale = 1, start = Date.now()): BenchClock {
  let base = start;
  let realBase = Date.now();
  let rate = scale;
  const now = () => Math.floor(base + (Date.now() - realBase) * rate);
  return {
    get scale() {
      return rate;
    },
    now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms / rate))),
    jump(ms) {
      base += ms;
    },
    setScale(next) {
      if (!(next > 0)) throw new RangeError('scale must be positive');
      base = now();
      realBase = Date.now();
      rate = next;
    },
  };
}
