// A connector that exists only in the tests: an accounting ledger kept in memory, or in a file so that it
// outlives a worker process the test kills. It behaves like a careful platform: it refuses a second
// invoice with a number it already holds, and can be told to fail in the ways real ones do.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { ConnectorError } from '../../addon/connectors/errors.ts';
import type {
  ApiConnector,
  ContactResolution,
  LedgerInvoice,
  RemoteDocument,
} from '../../addon/connectors/types.ts';

export const TEST_LEDGER = 'test-ledger';

interface Stored {
  id: string;
  number: string;
  kind: 'invoice' | 'credit';
  invoiceId: string;
  totalCents: string;
  taxCents: string;
  contact: string;
}

export interface TestLedgerFaults {
  /** The next N pushes apply, then throw as if the connection dropped (commit then drop the response). */
  commitThenDrop?: number;
  /** The next N pushes throw before applying anything (a refused connection). */
  refuse?: number;
  /** Pause inside each push, so a test can kill the process mid-batch. */
  delayMs?: number;
}

export function createTestLedger(options: { file?: string; faults?: TestLedgerFaults } = {}) {
  const memory: Stored[] = [];
  const contacts = new Map<string, string>();
  const faults = options.faults ?? {};
  let calls = 0;
  const load = (): Stored[] =>
    options.file && existsSync(options.file)
      ? readFileSync(options.file, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as Stored)
      : memory;
  const store = (doc: Stored) => {
    if (options.file) appendFileSync(options.file, `${JSON.stringify(doc)}\n`);
    else memory.push(doc);
  };
  const toRemote = (d: Stored): RemoteDocument => ({
    invoiceId: d.invoiceId,
    externalId: d.id,
    number: d.number,
    kind: d.kind,
    status: 'AUTHORISED',
    totalCents: BigInt(d.totalCents),
    amountPaidCents: 0n,
    amountDueCents: BigInt(d.totalCents),
    taggedAsOurs: true,
  });

  const connector: ApiConnector = {
    pushChunkSize: 10,
    async pullReference() {
      calls++;
      const account = (
        code: string,
        name: string,
        accountClass: string,
        status: 'active' | 'archived' = 'active',
      ) => ({
        externalId: `acc-${code}`,
        code,
        name,
        type: accountClass,
        accountClass,
        isRevenue: accountClass === 'REVENUE',
        status,
      });
      return {
        pulledAt: new Date(),
        accounts: {
          mode: 'full',
          items: [
            account('200', 'Sales', 'REVENUE'),
            account('260', 'Other Revenue', 'REVENUE'),
            account('270', 'Reimbursed Disbursements', 'REVENUE'),
            account('205', 'Old Fees (closed)', 'REVENUE', 'archived'),
            account('800', 'Accounts Payable', 'LIABILITY'),
          ],
        },
        taxRates: {
          mode: 'full',
          items: [
            {
              externalId: 'OUTPUT',
              code: 'OUTPUT',
              name: 'GST on Income',
              ratePercent: '10',
              canApplyToRevenue: true,
              accountClasses: ['REVENUE'],
              status: 'active',
            },
            {
              externalId: 'EXEMPTOUTPUT',
              code: 'EXEMPTOUTPUT',
              name: 'GST Free Income',
              ratePercent: '0',
              canApplyToRevenue: true,
              accountClasses: [],
              status: 'active',
            },
            {
              externalId: 'OUTPUT2',
              code: 'OUTPUT2',
              name: 'GST on Income 15%',
              ratePercent: '15',
              canApplyToRevenue: true,
              accountClasses: ['REVENUE'],
              status: 'active',
            },
            {
              externalId: 'INPUT',
              code: 'INPUT',
              name: 'GST on Expenses',
              ratePercent: '10',
              canApplyToRevenue: false,
              accountClasses: [],
              status: 'active',
            },
          ],
        },
        tracking: { mode: 'full', items: [] },
      };
    },
    async resolveContacts(_rt, list, mode): Promise<ContactResolution[]> {
      calls++;
      return list.map((c) => {
        const existing = contacts.get(c.clientCode);
        if (existing)
          return { clientCode: c.clientCode, status: 'matched', externalId: existing, externalName: c.name };
        if (!mode.create)
          return {
            clientCode: c.clientCode,
            status: 'unmatched',
            message: `${c.name} has no contact in the test ledger.`,
          };
        if (mode.dryRun) return { clientCode: c.clientCode, status: 'will_create' };
        const id = `contact-${c.clientCode}`;
        contacts.set(c.clientCode, id);
        return { clientCode: c.clientCode, status: 'created', externalId: id, externalName: c.name };
      });
    },
    async resolveJobs() {
      return [];
    },
    async pushDocuments(_rt, invoices: LedgerInvoice[]) {
      calls++;
      if (faults.delayMs) await new Promise((resolve) => setTimeout(resolve, faults.delayMs));
      if (faults.refuse) {
        faults.refuse--;
        throw new ConnectorError({
          code: 'provider_unavailable',
          message: 'The test ledger is not answering.',
          provider: TEST_LEDGER,
          operation: 'push',
        });
      }
      const held = load();
      const outcomes = invoices.map((inv) => {
        if (held.some((d) => d.number === inv.number && d.kind === inv.kind)) {
          return {
            invoiceId: inv.invoiceId,
            ok: false as const,
            error: new ConnectorError({
              code: 'validation',
              message: `Invoice # ${inv.number} must be unique.`,
              provider: TEST_LEDGER,
              operation: 'push',
            }),
          };
        }
        const doc: Stored = {
          id: `doc-${inv.number}`,
          number: inv.number,
          kind: inv.kind,
          invoiceId: inv.invoiceId,
          totalCents: String(inv.totalCents),
          taxCents: String(inv.taxCents),
          contact: inv.contact.externalId ?? '',
        };
        store(doc);
        return {
          invoiceId: inv.invoiceId,
          ok: true as const,
          externalId: doc.id,
          externalNumber: doc.number,
          status: 'AUTHORISED',
        };
      });
      if (faults.commitThenDrop) {
        faults.commitThenDrop--;
        throw new ConnectorError({
          code: 'uncertain_outcome',
          message: 'The connection dropped after sending.',
          provider: TEST_LEDGER,
          operation: 'push',
        });
      }
      return outcomes;
    },
    async findDocuments(_rt, refs) {
      calls++;
      const held = load();
      return held.filter((d) => refs.some((r) => r.number === d.number && r.kind === d.kind)).map(toRemote);
    },
    async fetchDocuments(_rt, query) {
      calls++;
      const held = load();
      return ('externalIds' in query ? held.filter((d) => query.externalIds.includes(d.id)) : held).map(
        toRemote,
      );
    },
  };
  return {
    connector,
    documents: () => load(),
    calls: () => calls,
    faults,
    /** Documents that share a number: what a careless integration leaves behind. */
    duplicates: () => {
      const seen = new Map<string, number>();
      for (const d of load()) seen.set(`${d.kind}:${d.number}`, (seen.get(`${d.kind}:${d.number}`) ?? 0) + 1);
      return [...seen.entries()].filter(([, n]) => n > 1);
    },
  };
}
