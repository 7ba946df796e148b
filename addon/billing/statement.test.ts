// Statement totals equal the plan price times the recorded usage, in integer cents.
import { describe, expect, it } from 'vitest';
import { PLANS, planOf } from './plans.ts';
import { statementCsv, statementFrom } from './statement.ts';
import type { CountedFile, MonthUsage } from './usage.ts';

const files = (api: number, file: number): CountedFile[] => [
  ...Array.from({ length: api }, (_, i) => ({
    interfaceId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    kind: 'api' as const,
    provider: 'xero',
    displayName: `Xero ${i}`,
    days: 10,
  })),
  ...Array.from({ length: file }, (_, i) => ({
    interfaceId: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`,
    kind: 'file' as const,
    provider: 'reckon-accounts-iif',
    displayName: `Reckon ${i}`,
    days: 1,
  })),
];
const usage = (api: number, file: number): MonthUsage => ({
  month: '2026-04',
  files: files(api, file),
  invoicesPushed: 120,
  invoicesExported: 7,
});

describe('statement', () => {
  const plan = planOf('link-monthly');
  const table: Array<[api: number, file: number, currency: 'AUD' | 'NZD', total: bigint]> = [
    [0, 0, 'AUD', 0n],
    [1, 0, 'AUD', 2500n],
    [0, 1, 'AUD', 1000n],
    [3, 2, 'AUD', 3n * 2500n + 2n * 1000n],
    [1, 0, 'NZD', 2800n],
    [4, 3, 'NZD', 4n * 2800n + 3n * 1100n],
    [250, 40, 'AUD', 250n * 2500n + 40n * 1000n],
  ];
  it.each(table)('%i API files + %i file interfaces in %s cost %i cents', (api, file, currency, total) => {
    const s = statementFrom(usage(api, file), plan, currency);
    const prices = PLANS['link-monthly'].prices[currency];
    expect(s.totalCents).toBe(total);
    expect(s.totalCents).toBe(BigInt(api) * prices.apiFileCents + BigInt(file) * prices.fileInterfaceCents);
    expect(s.lines.map((l) => [l.line, l.quantity, l.unitCents, l.amountCents])).toEqual([
      ['api_file', api, prices.apiFileCents, BigInt(api) * prices.apiFileCents],
      ['file_interface', file, prices.fileInterfaceCents, BigInt(file) * prices.fileInterfaceCents],
    ]);
    expect(s.lines.reduce((sum, l) => sum + l.amountCents, 0n)).toBe(s.totalCents);
    expect(typeof s.totalCents).toBe('bigint');
  });

  it('explains each line and names the files behind it', () => {
    const s = statementFrom(usage(2, 1), plan, 'AUD');
    expect(s.lines[0]).toMatchObject({
      description: '2 connected accounts files (Xero, MYOB) x AUD 25.00 a month',
      files: ['Xero 0', 'Xero 1'],
    });
    expect(s.lines[1]?.description).toBe('1 import-file interface that wrote a file x AUD 10.00 a month');
  });

  it('renders CSV with exact amounts, CRLF rows and formula-safe names', () => {
    const u = usage(1, 0);
    u.files[0]!.displayName = '=HYPERLINK("http://evil")';
    const csv = statementCsv(statementFrom(u, plan, 'AUD'));
    const rows = csv.split('\r\n');
    expect(rows[0]).toBe('month,line,description,quantity,currency,unit_price,amount,files');
    expect(rows[1]).toBe(
      `2026-04,api_file,1 connected accounts file (Xero, MYOB) x AUD 25.00 a month,1,AUD,25.00,25.00,"'=HYPERLINK(""http://evil"")"`.replace(
        '1 connected accounts file (Xero, MYOB) x AUD 25.00 a month',
        '"1 connected accounts file (Xero, MYOB) x AUD 25.00 a month"',
      ),
    );
    expect(rows[3]).toBe('2026-04,total,Total for the month,,AUD,,25.00,');
  });
});
