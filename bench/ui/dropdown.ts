// The mapping screen's account dropdown, driven the way tests/e2e/mapping-dropdown.test.ts drives it, but
// repeated and read back as numbers: each round opens the dropdown by keyboard, types a few characters and
// closes it; the page's own performance measures (set by web/src/components/CodeCombobox.tsx) are the figures,
// so Playwright's round-trips are never part of what is timed.
import type { Page } from 'playwright-core';
import type { Database } from '../../db/client.ts';
import { accountsInterfaces, ledgerAccounts } from '../../db/schema.ts';
import { TEST_LEDGER } from '../../tests/helpers/test-ledger.ts';

/** The first account dropdown on the page: the practice-wide default rule. */
export const LABEL = 'Account for Default Every line';
const OPEN_MARK = 'mapping-dropdown-open';
const OPEN_MEASURE = 'mapping-dropdown-open-ms';
const FILTER_MARK = 'mapping-filter';
const FILTER_MEASURE = 'mapping-filter-ms';
/** Between keystrokes, as in the e2e test: a fast typist, and time for each filtered list to render. */
const KEY_DELAY_MS = 30;

/** A second connected test-ledger interface in the same practice, so the baseline chart is on the very same
 * page and app, only reached with another `?interface=`. */
export async function addInterface(database: Database, practiceId: string, displayName: string) {
  const [row] = await database.db
    .insert(accountsInterfaces)
    .values({
      practiceId,
      displayName,
      provider: TEST_LEDGER,
      status: 'connected',
      tenantId: `tenant-${displayName}`,
      tenantName: displayName,
      options: { contactPolicy: 'create' },
    })
    .returning({ id: accountsInterfaces.id });
  return row!.id;
}

/** Revenue accounts 10000, 10001, ... as the e2e test seeds them (the screen offers revenue accounts only). */
export async function seedAccounts(
  database: Database,
  practiceId: string,
  interfaceId: string,
  count: number,
) {
  const rows = Array.from({ length: count }, (_, i) => {
    const code = String(10000 + i);
    return {
      practiceId,
      interfaceId,
      externalId: `acc-${code}`,
      code,
      name: `Revenue account ${i + 1}`,
      type: 'REVENUE',
      accountClass: 'REVENUE',
      isRevenue: true,
      status: 'active',
    };
  });
  // In slices: one insert of 5,000 rows is past PostgreSQL's bind-parameter limit.
  for (let i = 0; i < rows.length; i += 1000) {
    await database.db.insert(ledgerAccounts).values(rows.slice(i, i + 1000));
  }
}

/**
 * What round r types: four keystrokes naming codes 10000-10049, so every term matches in the 50-account
 * baseline chart and in the 5,000-account one, and the two runs type exactly the same keys.
 */
export const termFor = (round: number) => `10${String((round * 7) % 50).padStart(2, '0')}`;

export interface Timings {
  /** Every measured open, in ms. */
  open: number[];
  /** Every measured keystroke -> filtered list rendered, in ms. */
  filter: number[];
  /** The first open after the page loaded (the warm-up round; not in `open`). */
  firstOpen: number | null;
}

const countOf = (page: Page, name: string) =>
  page.evaluate((n) => performance.getEntriesByName(n, 'measure').length, name);

/** Waits until the page has ended the measure it started (its start mark cleared) and added one more. */
async function settled(page: Page, mark: string, measure: string, before: number) {
  await page.waitForFunction(
    ([m, s, n]) =>
      performance.getEntriesByName(m, 'mark').length === 0 &&
      performance.getEntriesByName(s, 'measure').length > n,
    [mark, measure, before] as const,
  );
}

/**
 * Loads the mapping screen for one interface, runs one unmeasured warm-up round (first render, JIT), then
 * `rounds` measured ones. A fresh navigation starts a fresh performance timeline, so nothing leaks between
 * calls.
 */
export async function measureDropdown(
  page: Page,
  open: (path: string) => Promise<void>,
  interfaceId: string,
  rounds: number,
  firstRound: number,
): Promise<Timings> {
  await open(`/accounting/mappings?interface=${interfaceId}`);
  const input = page.getByRole('combobox', { name: LABEL, exact: true });
  await input.waitFor();
  const closed = input.and(page.locator('[aria-expanded="false"]'));

  const round = async (term: string) => {
    await input.focus();
    const opensBefore = await countOf(page, OPEN_MEASURE);
    await input.press('ArrowDown');
    await settled(page, OPEN_MARK, OPEN_MEASURE, opensBefore);
    const filtersBefore = await countOf(page, FILTER_MEASURE);
    await input.pressSequentially(term, { delay: KEY_DELAY_MS });
    await settled(page, FILTER_MARK, FILTER_MEASURE, filtersBefore);
    // Escape closes and undoes the typing; the next round opens from a closed, empty dropdown.
    await input.press('Escape');
    await closed.waitFor();
  };

  await round(termFor(firstRound + rounds));
  const firstOpen = await page.evaluate(
    (n) => performance.getEntriesByName(n, 'measure')[0]?.duration ?? null,
    OPEN_MEASURE,
  );
  const skip = {
    open: await countOf(page, OPEN_MEASURE),
    filter: await countOf(page, FILTER_MEASURE),
  };
  for (let r = 0; r < rounds; r++) await round(termFor(firstRound + r));
  const all = await page.evaluate(
    ([o, f]) => ({
      open: performance.getEntriesByName(o, 'measure').map((e) => e.duration),
      filter: performance.getEntriesByName(f, 'measure').map((e) => e.duration),
    }),
    [OPEN_MEASURE, FILTER_MEASURE] as const,
  );
  return { open: all.open.slice(skip.open), filter: all.filter.slice(skip.filter), firstOpen };
}

/** Nearest-rank percentile (as the e2e test's stats), rounded to 0.1 ms; null for no samples. */
export function percentile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return Math.round(at * 10) / 10;
}
