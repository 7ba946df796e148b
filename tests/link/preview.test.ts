// Every problem the preview must catch before anything is sent, each in the words a person acts on.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InvoiceInput } from '../../addon/contract/invoices.ts';
import { commitInvoice, createInvoice } from '../../addon/domain/invoices.ts';
import { getInterfaceRow } from '../../addon/domain/organisation.ts';
import type { LinkDeps } from '../../addon/link/deps.ts';
import { saveMappings } from '../../addon/link/mappings.ts';
import { buildPreview } from '../../addon/link/preview.ts';
import { refreshReference } from '../../addon/link/reference.ts';
import type { Database } from '../../db/client.ts';
import {
  accountsInterfaces,
  clients,
  codeMappings,
  invoices,
  ledgerAccounts,
  offices,
  taxClasses,
} from '../../db/schema.ts';
import { freshDatabase } from '../helpers/databases.ts';
import { practiceOnTestLedger, standardMappings, testLinkDeps } from '../helpers/link.ts';
import { createTestLedger, TEST_LEDGER } from '../helpers/test-ledger.ts';

describe('the preview', () => {
  let database: Database;
  let deps: LinkDeps;
  let practiceId: string;
  let interfaceId: string;
  let invoiceIds: string[];
  let creditIds: string[];
  const auth = () => ({ practiceId, actor: 'preview-test' });

  const problemsOf = async (ids = invoiceIds, over: Partial<LinkDeps> = {}) => {
    const iface = await getInterfaceRow(database.db, practiceId, interfaceId);
    const { preview } = await buildPreview({ ...deps, ...over }, iface, ids, { remote: true });
    return preview.invoices.flatMap((i) => i.problems);
  };
  const codes = async (ids?: string[], over?: Partial<LinkDeps>) =>
    new Set((await problemsOf(ids, over)).map((p) => p.code));

  beforeAll(async () => {
    database = await freshDatabase('pglite');
    ({ practiceId, interfaceId } = await practiceOnTestLedger(database, 11));
    deps = testLinkDeps(database, createTestLedger().connector);
    await refreshReference(deps, await getInterfaceRow(database.db, practiceId, interfaceId));
    const rows = await database.db.select().from(invoices).where(eq(invoices.practiceId, practiceId));
    invoiceIds = rows.filter((r) => r.totalCents > 0n).map((r) => r.id);
    creditIds = rows.filter((r) => r.totalCents < 0n).map((r) => r.id);
  });
  afterAll(() => database?.close());
  beforeEach(async () => {
    await database.db
      .update(ledgerAccounts)
      .set({ status: 'active', accountClass: 'REVENUE' })
      .where(and(eq(ledgerAccounts.interfaceId, interfaceId), eq(ledgerAccounts.isRevenue, true)));
    await database.db.delete(codeMappings).where(eq(codeMappings.interfaceId, interfaceId));
    await saveMappings(database.db, auth(), interfaceId, await standardMappings(database, practiceId));
    await database.db
      .update(accountsInterfaces)
      .set({ options: { contactPolicy: 'create' } })
      .where(eq(accountsInterfaces.id, interfaceId));
  });

  it('has nothing to say when the mappings cover every line', async () => {
    expect(await problemsOf([...invoiceIds, ...creditIds])).toEqual([]);
  });

  it('blocks lines with no account or tax rate mapped, saying which lines and where to fix them', async () => {
    await database.db.delete(codeMappings).where(eq(codeMappings.interfaceId, interfaceId));
    const problems = await problemsOf();
    expect(new Set(problems.map((p) => p.code))).toEqual(new Set(['no_account', 'no_tax']));
    expect(problems[0]!.message).toMatch(
      /^No account is mapped for (Fees|Disbursements|Variations|Expenses) lines taxed .* in office .*: choose one in Mappings\.$/,
    );
    expect(problems.every((p) => p.severity === 'error')).toBe(true);
  });

  it('blocks an account archived in the ledger since it was mapped, and flags the rule', async () => {
    await database.db
      .update(ledgerAccounts)
      .set({ status: 'archived' })
      .where(and(eq(ledgerAccounts.interfaceId, interfaceId), eq(ledgerAccounts.code, '200')));
    const problems = await problemsOf();
    expect(problems.find((p) => p.code === 'account_archived')?.message).toMatch(
      /Account 200 \(Sales\) is archived in Test Ledger\. Choose another account for .* in Mappings\./,
    );
    const { listMappings } = await import('../../addon/link/mappings.ts');
    const rules = await listMappings(database.db, practiceId, interfaceId);
    expect(rules.find((r) => r.scope === 'default')?.problems).toEqual([
      expect.stringMatching(/^Account 200 \(Sales\) is archived in .+\.$/),
    ]);
  });

  it('blocks a tax rate the ledger does not allow with the account', async () => {
    // The ledger reclassified 270: OUTPUT may only be used on REVENUE-class accounts there.
    await database.db
      .update(ledgerAccounts)
      .set({ accountClass: 'OTHERINCOME' })
      .where(and(eq(ledgerAccounts.interfaceId, interfaceId), eq(ledgerAccounts.code, '270')));
    const problem = (await problemsOf()).find((p) => p.code === 'tax_not_allowed_with_account');
    expect(problem?.message).toMatch(/GST on Income \(OUTPUT\) cannot be used with account 270/);
  });

  it('blocks a tax rate whose percentage differs from Abtrac’s, because the totals could not match', async () => {
    await saveMappings(database.db, auth(), interfaceId, [
      { scope: 'default', scopeKey: '', accountCode: '200', taxCode: 'OUTPUT2', trackingOption: null },
    ]);
    const problem = (await problemsOf()).find((p) => p.code === 'tax_rate_mismatch');
    expect(problem?.message).toMatch(
      /GST 10% \(10(\.0+)?%\) is mapped to GST on Income 15% at 15% in Test Ledger: the tax on ".*" would be \d+\.\d\d there instead of \d+\.\d\d\./,
    );
  });

  it('blocks a client with no contact when the interface only matches existing contacts', async () => {
    await database.db
      .update(accountsInterfaces)
      .set({ options: { contactPolicy: 'match' } })
      .where(eq(accountsInterfaces.id, interfaceId));
    const problem = (await problemsOf()).find((p) => p.code === 'contact_unmatched');
    expect(problem?.message).toMatch(
      /has no contact in Test Ledger and this interface only matches existing contacts/,
    );
  });

  it('blocks a credit on a ledger that takes no credit notes, but not the invoices', async () => {
    const withoutCredits = {
      manifests: {
        [TEST_LEDGER]: {
          id: TEST_LEDGER,
          displayName: 'Test Ledger',
          kind: 'api' as const,
          auth: 'oauth2' as const,
          capabilities: ['invoices.push' as const],
          docs: [],
        },
      },
    };
    expect(await codes(creditIds, withoutCredits)).toEqual(new Set(['credit_not_supported']));
    expect(await codes(invoiceIds.slice(0, 5), withoutCredits)).toEqual(new Set());
  });

  it('blocks everything while the interface is not connected, saying what to do', async () => {
    await database.db
      .update(accountsInterfaces)
      .set({ status: 'reconnect_needed' })
      .where(eq(accountsInterfaces.id, interfaceId));
    try {
      const problems = await problemsOf(invoiceIds.slice(0, 2));
      expect(problems.map((p) => p.code)).toEqual(['reconnect_needed', 'reconnect_needed']);
      expect(problems[0]!.message).toMatch(/choose Reconnect/);
    } finally {
      await database.db
        .update(accountsInterfaces)
        .set({ status: 'connected' })
        .where(eq(accountsInterfaces.id, interfaceId));
    }
  });

  it('shows the totals the ledger will compute, equal to Abtrac’s to the cent', async () => {
    const iface = await getInterfaceRow(database.db, practiceId, interfaceId);
    const { preview } = await buildPreview(deps, iface, invoiceIds, { remote: false });
    for (const inv of preview.invoices)
      expect([inv.ledgerTotal, inv.ledgerTax]).toEqual([inv.total, inv.tax]);
  });

  describe('a ledger that rounds tax once per invoice (MYOB)', () => {
    const perInvoice = (): Partial<LinkDeps> => ({
      manifests: {
        [TEST_LEDGER]: { ...deps.manifests![TEST_LEDGER]!, displayName: 'MYOB-like', taxRounding: 'invoice' },
      },
    });
    /** A committed invoice in a Test Ledger office: three equal lines of 33.335 at 10%, or 9.99 inclusive. */
    async function invoiceOf(price: string, taxMode: 'exclusive' | 'inclusive', number: string) {
      const [office] = await database.db.select().from(offices).where(eq(offices.practiceId, practiceId));
      const [client] = await database.db.select().from(clients).where(eq(clients.practiceId, practiceId));
      const [gst] = await database.db
        .select()
        .from(taxClasses)
        .where(and(eq(taxClasses.practiceId, practiceId), eq(taxClasses.code, 'GST')));
      const line = {
        category: 'fee',
        description: 'Design',
        quantity: '1',
        unitPrice: price,
        taxClassId: gst!.id,
      };
      const inv = await createInvoice(
        database.db,
        practiceId,
        InvoiceInput.parse({
          number,
          officeId: office!.id,
          clientId: client!.id,
          invoiceDate: '2026-11-02',
          dueDate: '2026-11-30',
          currency: 'AUD',
          taxMode,
          lines: [line, line, line],
        }),
      );
      await commitInvoice(database.db, practiceId, inv.id);
      return inv.id;
    }
    const setOptions = (options: Record<string, unknown>) =>
      database.db.update(accountsInterfaces).set({ options }).where(eq(accountsInterfaces.id, interfaceId));

    it('three equal lines at 33.335: warns of the cent without a rounding account, shows the line with one', async () => {
      const id = await invoiceOf('33.335', 'exclusive', 'R-33335');
      const iface = await getInterfaceRow(database.db, practiceId, interfaceId);
      const before = (await buildPreview({ ...deps, ...perInvoice() }, iface, [id], { remote: false }))
        .preview.invoices[0]!;
      expect(before).toMatchObject({
        total: '110.01',
        tax: '9.99',
        ledgerTotal: '110.02',
        ledgerTax: '10.00',
      });
      expect(before.problems).toEqual([
        expect.objectContaining({
          severity: 'warning',
          code: 'ledger_total_differs',
          message: expect.stringMatching(
            /^MYOB-like will total 110\.02, Abtrac 110\.01: MYOB-like rounds the tax once per invoice \(10\.00\), Abtrac per line \(9\.99\)\. Choose a rounding account/,
          ),
        }),
      ]);
      expect(before.ready).toBe(true);

      await setOptions({
        contactPolicy: 'create',
        roundingAccountCode: '260',
        roundingTaxCode: 'EXEMPTOUTPUT',
      });
      const withLine = (
        await buildPreview(
          { ...deps, ...perInvoice() },
          await getInterfaceRow(database.db, practiceId, interfaceId),
          [id],
          { remote: false },
        )
      ).preview.invoices[0]!;
      expect(withLine).toMatchObject({
        total: '110.01',
        ledgerTotal: '110.01',
        ledgerTax: '10.00',
        problems: [],
      });
      expect(withLine.lines.at(-1)).toMatchObject({
        description: 'Rounding: MYOB-like rounds the tax once per invoice (10.00), Abtrac per line (9.99)',
        net: '-0.01',
        tax: '0.00',
        accountCode: '260',
        taxCode: 'EXEMPTOUTPUT',
      });
      // The line per-line ledgers never need: the same invoice on a per-line ledger has no rounding line.
      const perLine = (
        await buildPreview(deps, await getInterfaceRow(database.db, practiceId, interfaceId), [id], {
          remote: false,
        })
      ).preview.invoices[0]!;
      expect(perLine).toMatchObject({ ledgerTotal: '110.01', ledgerTax: '9.99' });
      expect(perLine.lines).toHaveLength(3);

      // A rounding code that carries tax is refused where the preview shows it.
      await setOptions({ contactPolicy: 'create', roundingAccountCode: '260', roundingTaxCode: 'OUTPUT' });
      const taxed = (
        await buildPreview(
          { ...deps, ...perInvoice() },
          await getInterfaceRow(database.db, practiceId, interfaceId),
          [id],
          { remote: false },
        )
      ).preview.invoices[0]!;
      expect(taxed.problems.map((p) => p.code)).toEqual(['rounding_tax_invalid']);
    });

    it('inclusive lines at 9.99: the same total, and a warning that a cent of tax moves', async () => {
      const id = await invoiceOf('9.99', 'inclusive', 'R-999');
      const inv = (
        await buildPreview(
          { ...deps, ...perInvoice() },
          await getInterfaceRow(database.db, practiceId, interfaceId),
          [id],
          { remote: false },
        )
      ).preview.invoices[0]!;
      expect(inv).toMatchObject({ total: '29.97', tax: '2.73', ledgerTotal: '29.97', ledgerTax: '2.72' });
      expect(inv.problems.map((p) => [p.severity, p.code])).toEqual([['warning', 'ledger_tax_differs']]);
    });
  });
});
