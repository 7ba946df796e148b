// The mapping screen's account dropdown with 5,000 ledger accounts in Debian chromium (issue #9 item 5):
// time to open it and to filter it, from the page's own performance measures, beside the same page with 50
// accounts measured in the same run. Quick: 5 opens and 5 filters of 4 keystrokes on each chart; full: 20.
// Figures: openMs, filterMs (medians), openP95Ms, filterP95Ms, baselineOpenMs, baselineFilterMs,
// filterRatio (5,000 / 50 median filter), firstOpenMs (the first open after the page loaded).
import { CHROMIUM_PATH, hasChromium } from '../tests/e2e/browser-harness.ts';
import { startLinkHarness } from '../tests/e2e/link-harness.ts';
import type { Benchmark, Figures } from './types.ts';
import { addInterface, measureDropdown, percentile, seedAccounts, type Timings } from './ui/dropdown.ts';

const ACCOUNTS = 5000;
const BASELINE_ACCOUNTS = 50;
/** Rounds per page load. Full mode alternates 4 blocks of each chart, so drifting load on a shared machine
 * falls on both sides of the ratio rather than on whichever ran last. */
const BLOCK = 5;

const round2 = (n: number) => Math.round(n * 100) / 100;

const empty = (): Figures => ({
  accounts: ACCOUNTS,
  baselineAccounts: BASELINE_ACCOUNTS,
  openMs: null,
  filterMs: null,
  openP95Ms: null,
  filterP95Ms: null,
  baselineOpenMs: null,
  baselineFilterMs: null,
  filterRatio: null,
  firstOpenMs: null,
  opens: null,
  filters: null,
});

const benchmark: Benchmark = {
  name: 'ui',
  async run({ quick, log }) {
    if (!hasChromium) {
      // null keeps the keys in latest.json, so a reader sees "not measured" rather than missing figures.
      log(`skipped: ${CHROMIUM_PATH} is not installed (apt-get install chromium)`);
      return empty();
    }
    const blocks = quick ? 1 : 4;
    // Seed 32 as the e2e test: a practice on the tests' own ledger, real app, built web app, chromium.
    const h = await startLinkHarness(32);
    try {
      await seedAccounts(h.database, h.practiceId, h.interfaceId, ACCOUNTS);
      const baselineId = await addInterface(h.database, h.practiceId, 'Baseline ledger');
      await seedAccounts(h.database, h.practiceId, baselineId, BASELINE_ACCOUNTS);
      log(`seeded ${ACCOUNTS} and ${BASELINE_ACCOUNTS} accounts; ${blocks * BLOCK} rounds each`);

      const large: Timings = { open: [], filter: [], firstOpen: null };
      const base: Timings = { open: [], filter: [], firstOpen: null };
      for (let b = 0; b < blocks; b++) {
        for (const [id, into] of [
          [baselineId, base],
          [h.interfaceId, large],
        ] as const) {
          const t = await measureDropdown(h.page, h.open, id, BLOCK, b * BLOCK);
          into.open.push(...t.open);
          into.filter.push(...t.filter);
          into.firstOpen ??= t.firstOpen;
        }
      }

      const filterMs = percentile(large.filter, 0.5);
      const baselineFilterMs = percentile(base.filter, 0.5);
      const figures: Figures = {
        ...empty(),
        openMs: percentile(large.open, 0.5),
        filterMs,
        openP95Ms: percentile(large.open, 0.95),
        filterP95Ms: percentile(large.filter, 0.95),
        baselineOpenMs: percentile(base.open, 0.5),
        baselineFilterMs,
        // A floor of 0.1 ms: a performance.now() clamped to 0 on the small chart must not divide by zero.
        filterRatio:
          filterMs !== null && baselineFilterMs !== null
            ? round2(filterMs / Math.max(baselineFilterMs, 0.1))
            : null,
        firstOpenMs: large.firstOpen === null ? null : Math.round(large.firstOpen * 10) / 10,
        opens: large.open.length,
        filters: large.filter.length,
      };
      log(
        `open ${figures.openMs} ms (p95 ${figures.openP95Ms}), filter ${filterMs} ms (p95 ${figures.filterP95Ms}); ` +
          `baseline open ${figures.baselineOpenMs} ms, filter ${baselineFilterMs} ms; ratio ${figures.filterRatio}`,
      );
      return figures;
    } finally {
      await h.close();
    }
  },
};

export default benchmark;
