// Code lists exported from the packages themselves become reference data: Xero's chart CSV, MYOB's tab-separated
// account list, a QuickBooks/Reckon IIF list with accounts and sales-tax items.
import { describe, expect, it } from 'vitest';
import { parseCodeList } from './code-lists.ts';

describe('parseCodeList', () => {
  it('reads an IIF list: accounts from !ACCNT, sales-tax items from !INVITEM', () => {
    const iif = [
      '!ACCNT\tNAME\tACCNTTYPE\tDESC',
      'ACCNT\tProfessional Fees\tINC\t',
      'ACCNT\tAccounts Receivable\tAR\t',
      '!INVITEM\tNAME\tINVITEMTYPE\tDESC\tPRICE',
      'INVITEM\tGST\tCOMPTAX\tGST on sales\t10%',
      'INVITEM\tFees\tSERV\tDesign fees\t0',
      '',
    ].join('\r\n');
    const accounts = parseCodeList(iif, 'accounts');
    expect(accounts.map((a) => [a.code, 'isRevenue' in a && a.isRevenue])).toEqual([
      ['Professional Fees', true],
      ['Accounts Receivable', false],
    ]);
    expect(parseCodeList(iif, 'taxRates')).toEqual([
      expect.objectContaining({ code: 'GST', name: 'GST on sales', ratePercent: '10' }),
    ]);
  });

  it('reads a tab-separated MYOB account list', () => {
    const txt =
      'Account Number\tAccount Name\tAccount Type\r\n4-1100\tFees Income\tIncome\r\n1-1200\tTrade Debtors\tAsset\r\n';
    expect(parseCodeList(txt, 'accounts').map((a) => a.code)).toEqual(['4-1100', '1-1200']);
  });

  it('refuses a file with no code column or duplicate codes, naming the problem', () => {
    expect(() => parseCodeList('Foo,Bar\r\n1,2\r\n', 'accounts')).toThrow(/code column/);
    expect(() => parseCodeList('Code,Name\r\n200,Sales\r\n200,Sales again\r\n', 'accounts')).toThrow(/twice/);
  });
});
