import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mswSandbox } from '../common/msw.ts';
import { ApiError } from './errors.ts';
import { parseFilter, queryPage } from './odata.ts';
import { api, connect, makeEnv, myobHeaders } from './test-support.ts';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('OData paging over the API (myob.md §3.8)', () => {
  it('pages through 2,500+ accounts with $top=1000 and NextPageLink', async () => {
    const env = makeEnv({ seed: { extraAccounts: 2500 }, perSecondLimit: 8 });
    server.use(...mswSandbox(env.sandbox));
    const a = api(await connect());
    const seen = new Set<string>();
    const pages: number[] = [];
    let next: string | null = `${a.base}/GeneralLedger/Account?$top=1000`;
    let count = 0;
    while (next) {
      const page = await a.get(next);
      expect(page.status).toBe(200);
      for (const item of page.json.Items) seen.add(item.UID);
      pages.push(page.json.Items.length);
      count = page.json.Count;
      next = page.json.NextPageLink;
      if (next) expect(next.startsWith(`${a.base}/GeneralLedger/Account?`)).toBe(true);
    }
    expect(count).toBeGreaterThanOrEqual(2500);
    expect(pages).toEqual([1000, 1000, count - 2000]);
    expect(seen.size).toBe(count);
  });

  it('defaults to 400 items, caps $top at 1000, filters and orders', async () => {
    const env = makeEnv({ seed: { extraAccounts: 1500 } });
    server.use(...mswSandbox(env.sandbox));
    const a = api(await connect());
    const first = await a.get('GeneralLedger/Account');
    expect(first.json.Items).toHaveLength(400);
    expect(first.json.NextPageLink).toContain('$skip=400');
    expect((await a.get('GeneralLedger/Account?$top=5000')).json.Items).toHaveLength(1000);

    const income = await a.get(
      "GeneralLedger/Account?$filter=IsHeader eq false and IsActive eq true and Classification eq 'Income' and startswith(DisplayID,'4-1')&$orderby=DisplayID desc",
    );
    expect(income.json.Items.map((i: { DisplayID: string }) => i.DisplayID)).toEqual([
      '4-1600',
      '4-1500',
      '4-1400',
      '4-1300',
      '4-1200',
      '4-1100',
      '4-1000',
    ]);
    const inactive = await a.get('GeneralLedger/Account?$filter=IsActive eq false');
    expect(inactive.json.Count).toBe(2);
    const bad = await a.get('GeneralLedger/Account?$filter=Name eq');
    expect(bad.status).toBe(400);
  });

  it('answers an OR of fifty equalities in one call, and refuses a query string over 2,048 bytes', async () => {
    const env = makeEnv({ seed: { extraAccounts: 100 } });
    server.use(...mswSandbox(env.sandbox));
    const conn = await connect();
    const a = api(conn);
    const all = (await a.get('GeneralLedger/Account?$top=1000')).json.Items as { DisplayID: string }[];
    const wanted = all.slice(0, 50).map((x) => x.DisplayID);
    const filter = encodeURIComponent(wanted.map((d) => `DisplayID eq '${d}'`).join(' or '));
    expect(filter.length).toBeLessThan(2_048);
    const page = await a.get(`GeneralLedger/Account?$filter=${filter}&$top=1000`);
    expect(page.status).toBe(200);
    expect(page.json.Items.map((x: { DisplayID: string }) => x.DisplayID).sort()).toEqual([...wanted].sort());

    const long = encodeURIComponent(
      all
        .slice(0, 80)
        .map((x) => `DisplayID eq '${x.DisplayID}'`)
        .join(' or '),
    );
    expect(long.length).toBeGreaterThan(2_048);
    const refused = await fetch(`${a.base}/GeneralLedger/Account?$filter=${long}`, {
      headers: myobHeaders(conn.accessToken),
    });
    expect([refused.status, await refused.text()]).toEqual([
      404,
      expect.stringMatching(/404\.15.*query string is too long/),
    ]);
  });
});

describe('OData filter parser', () => {
  const items = [
    { Number: "O'Brien-1", Total: 10, IsActive: true, Customer: { UID: 'abc' }, Date: '2026-01-05T00:00:00' },
    { Number: 'INV-2', Total: 20, IsActive: false, Customer: { UID: 'def' }, Date: '2026-02-01T00:00:00' },
  ];
  const run = (filter: string) =>
    queryPage(
      items,
      new URL(`https://x.test/c?$filter=${encodeURIComponent(filter)}`),
      'https://x.test/c',
    ).Items.map((i) => i.Number);

  it('handles quotes, navigation, numbers, dates, functions and boolean logic', () => {
    expect(run("Number eq 'O''Brien-1'")).toEqual(["O'Brien-1"]);
    expect(run("Customer/UID eq guid'def'")).toEqual(['INV-2']);
    expect(run('Total gt 15')).toEqual(['INV-2']);
    expect(run("Date lt datetime'2026-01-31'")).toEqual(["O'Brien-1"]);
    expect(run("substringof('NV', Number) or IsActive eq true")).toEqual(["O'Brien-1", 'INV-2']);
    expect(run("not (IsActive eq true) and endswith(Number,'2')")).toEqual(['INV-2']);
  });

  it('rejects malformed filters with a 400 ApiError', () => {
    for (const bad of ["Number eq 'open", 'Number eq', '(IsActive eq true', 'Number ~ 1']) {
      expect(() => parseFilter(bad)).toThrow(ApiError);
    }
  });
});
