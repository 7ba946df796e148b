import { describe, expect, it } from 'vitest';
import { type LineContext, type Rule, RuleBook } from './resolve.ts';

const ctx = (over: Partial<LineContext> = {}): LineContext => ({
  officeId: 'syd',
  departmentId: 'arch',
  jobTypeId: 'res',
  taskId: 'cd',
  category: 'fee',
  taxClassId: 'gst',
  lineAccountOverride: null,
  lineTaxOverride: null,
  invoiceAccountOverride: null,
  invoiceTaxOverride: null,
  ...over,
});
const rule = (
  scope: Rule['scope'],
  scopeKey: string,
  accountCode: string | null,
  taxCode: string | null = null,
): Rule => ({
  scope,
  scopeKey,
  accountCode,
  taxCode,
  trackingOption: null,
});

describe('the mapping hierarchy', () => {
  const book = new RuleBook(
    [
      rule('default', '', '200', 'OUTPUT'),
      rule('office', 'syd', '201'),
      rule('department', 'arch', '202'),
      rule('job_type', 'res', '203'),
      rule('category', 'fee', '204', 'OUTPUT'),
      rule('category', 'disbursement', '260'),
      rule('task', 'doc', '205'),
      rule('tax_class', 'free', null, 'EXEMPTOUTPUT'),
    ],
    { accountCode: '999', taxCode: 'NONE' },
  );

  it.each`
    case                                                | line                                                                                             | account  | accountSource         | tax               | taxSource
    ${'category beats job type, department and office'} | ${{}}                                                                                            | ${'204'} | ${'Category rule'}    | ${'OUTPUT'}       | ${'Category rule'}
    ${'task beats category'}                            | ${{ taskId: 'doc' }}                                                                             | ${'205'} | ${'Task rule'}        | ${'OUTPUT'}       | ${'Category rule'}
    ${'a GST-free line takes the tax class code first'} | ${{ taxClassId: 'free' }}                                                                        | ${'204'} | ${'Category rule'}    | ${'EXEMPTOUTPUT'} | ${'Tax class rule'}
    ${'job type when no category rule'}                 | ${{ category: 'expense' }}                                                                       | ${'203'} | ${'Job type rule'}    | ${'OUTPUT'}       | ${'Interface default rule'}
    ${'office when nothing more specific'}              | ${{ category: 'expense', jobTypeId: null, departmentId: null }}                                  | ${'201'} | ${'Office rule'}      | ${'OUTPUT'}       | ${'Interface default rule'}
    ${'invoice override beats every rule'}              | ${{ invoiceAccountOverride: '300' }}                                                             | ${'300'} | ${'Invoice override'} | ${'OUTPUT'}       | ${'Category rule'}
    ${'line override beats the invoice override'}       | ${{ invoiceAccountOverride: '300', lineAccountOverride: '301', lineTaxOverride: 'BASEXCLUDED' }} | ${'301'} | ${'Line override'}    | ${'BASEXCLUDED'}  | ${'Line override'}
  `('$case', ({ line, account, accountSource, tax, taxSource }) => {
    const c = ctx(line);
    expect(book.account(c)).toEqual({ code: account, source: accountSource });
    expect(book.tax(c)).toEqual({ code: tax, source: taxSource });
  });

  it('falls back to the interface defaults, and says when nothing applies', () => {
    expect(new RuleBook([], { accountCode: '999' }).account(ctx())).toEqual({
      code: '999',
      source: 'Interface default',
    });
    expect(new RuleBook([]).tax(ctx())).toEqual({ code: null, source: 'No rule' });
  });
});
