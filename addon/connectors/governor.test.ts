import { describe, expect, it } from 'vitest';
import { manualClock } from '../sandbox/common/clock.ts';
import { RateGovernor } from './governor.ts';

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('the rate governor', () => {
  it('lets 60 calls through in a minute and holds the 61st until the first slot frees', async () => {
    const clock = manualClock(0);
    const governor = new RateGovernor(clock, { windows: [{ limit: 60, windowMs: 60_000 }] });
    const started: number[] = [];
    const all = Array.from({ length: 61 }, () => governor.run(async () => started.push(clock.now())));
    await flush();
    expect(started).toHaveLength(60);
    clock.advance(59_999);
    await flush();
    expect(started).toHaveLength(60);
    clock.advance(1);
    await Promise.all(all);
    expect(started.at(-1)).toBe(60_000);
  });

  it('never has more calls in flight than allowed', async () => {
    const clock = manualClock(0);
    const governor = new RateGovernor(clock, { windows: [], concurrency: 5 });
    let inFlight = 0;
    let peak = 0;
    const releases: (() => void)[] = [];
    const calls = Array.from({ length: 12 }, () =>
      governor.run(async () => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise<void>((resolve) => releases.push(resolve));
        inFlight--;
      }),
    );
    for (let i = 0; i < 12; i++) {
      await flush();
      releases.shift()?.();
    }
    await Promise.all(calls);
    expect(peak).toBe(5);
  });

  it('pauses for Retry-After and believes the platform when it has fewer calls left than counted', async () => {
    const clock = manualClock(0);
    const governor = new RateGovernor(clock, { windows: [{ limit: 8, windowMs: 1_000 }] });
    governor.observeRemaining(0, 0); // another process used the whole second
    governor.pauseFor(3_000);
    let ran = false;
    const call = governor.run(async () => {
      ran = true;
    });
    clock.advance(2_999);
    await flush();
    expect(ran).toBe(false);
    clock.advance(1);
    await call;
    expect(ran).toBe(true);
  });
});
