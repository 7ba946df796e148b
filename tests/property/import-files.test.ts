// Every import template, fed arbitrary (well-shaped, hostile-text) invoices: either validate reports an error
// and rendering refuses with a ConnectorError, or the file renders, reads back into exactly the records and
// columns the template meant, and no cell a spreadsheet would open starts with a formula character.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../../addon/connectors/errors.ts';
import { makeContext } from '../../addon/connectors/files/helpers.ts';
import { type FileTemplateId, fileTemplates } from '../../addon/connectors/files/index.ts';
import { PROFILES, SETTINGS } from '../../addon/connectors/files/test-support/fixtures.ts';
import { renderAll } from '../../addon/connectors/files/test-support/render-all.ts';
import type { LedgerInvoice } from '../../addon/connectors/types.ts';
import { ledgerInvoice } from './ledger-arbitraries.ts';
import { headerRecordCount, parseFile } from './parse-records.ts';

// Our own list, not the writer's: OWASP's = + - @ TAB CR and the full-width forms spreadsheets normalise.
const FORMULA_LEAD = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
// A cell may start with "-" only as a plain number (a credit's -150.00, an IIF split amount, a "-10%").
const PLAIN_NUMBER = /^-?\d+(\.\d+)?%?$/;
const RUNS = 100;

const ids = Object.keys(fileTemplates) as FileTemplateId[];

async function checkOne(id: FileTemplateId, inv: LedgerInvoice): Promise<'rendered' | 'refused'> {
  const template = fileTemplates[id];
  const opts = { baseCurrency: PROFILES[id]!.home, settings: SETTINGS[id] ?? {} };
  const errors = template.validate([inv], opts).filter((p) => p.severity === 'error');
  let files: Awaited<ReturnType<typeof renderAll>>;
  try {
    files = await renderAll(template, [inv], opts);
  } catch (err) {
    // Refusing is fine only as a validation ConnectorError, and only for an invoice validate objected to.
    expect(err).toBeInstanceOf(ConnectorError);
    expect((err as ConnectorError).code).toBe('validation');
    expect(errors.length).toBeGreaterThan(0);
    return 'refused';
  }
  expect(errors).toEqual([]);

  const { format } = template;
  const expected = format.rows(inv, makeContext(format, opts));
  const records = files.flatMap((f) => parseFile(f.bytes, format).slice(headerRecordCount(format)));
  // Same records and the same number of fields in each: nothing split a record or a field apart.
  expect(records.map((r) => r.length)).toEqual(expected.map((row) => row.cells.length));
  records.forEach((record, r) => {
    record.forEach((cell, c) => {
      const { kind, header } = expected[r]!.cells[c]!.column;
      const where = `${id} record ${r} ${header} (${kind}): ${JSON.stringify(cell)}`;
      if (kind === 'text') expect(FORMULA_LEAD.test(cell), where).toBe(false);
      // Whatever a column is declared as, a formula lead is only acceptable on a plain number.
      else if (FORMULA_LEAD.test(cell)) expect(cell, where).toMatch(PLAIN_NUMBER);
      if (format.quoting === 'none') expect(cell, where).not.toMatch(/[\t\r\n]/);
    });
  });
  return 'rendered';
}

describe('import templates with arbitrary invoices', () => {
  it.each(ids)('%s validates or renders safely', async (id) => {
    const outcomes = { rendered: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(ledgerInvoice(PROFILES[id]!), async (inv) => {
        outcomes[await checkOne(id, inv)]++;
      }),
      { numRuns: RUNS },
    );
    // The generators are tuned so the renderer, not only the validator, sees a good share of the cases.
    expect(outcomes.rendered, JSON.stringify(outcomes)).toBeGreaterThan(RUNS / 20);
  });
});
