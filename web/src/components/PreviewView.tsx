// What would be sent, invoice by invoice: ready or blocked, every problem in plain words (errors in red,
// warnings in amber), each line's account and tax code with where they came from, the contact, and the
// Abtrac total beside the total the ledger will compute.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Preview, PreviewInvoice } from '../api.ts';
import { formatMoney, humanize } from '../format.ts';

interface Props {
  preview: Preview;
  /** Extra controls for one invoice, e.g. "Skip" while a batch is open. */
  invoiceActions?: (invoice: PreviewInvoice) => ReactNode;
}

const CONTACT: Record<string, string> = {
  matched: 'Matched',
  will_create: 'Will be created',
  created: 'Created',
  unmatched: 'No contact',
};

/** Where each kind of problem is fixed, so a problem repeated on 200 invoices is one link, not 200 cards. */
function fixFor(code: string, interfaceId: string): { to: string; label: string } | null {
  if (/^(no_account|no_tax|account_|tax_|tracking_)/.test(code)) {
    return { to: `/accounting/mappings?interface=${interfaceId}`, label: 'Fix in Mappings' };
  }
  if (code.startsWith('contact_') || code === 'ledger_unreachable') {
    return { to: `/accounting/interfaces/${interfaceId}`, label: 'Open the interface settings' };
  }
  if (code === 'office_without_setting' || code === 'other_accounts_file') {
    return { to: '/invoice-settings', label: 'Open Invoice settings' };
  }
  return null;
}

interface ProblemGroup {
  code: string;
  severity: string;
  example: string;
  invoices: string[];
}

/** Problems grouped by kind, errors first, largest first; each invoice counted once per kind. */
function groupProblems(preview: Preview): ProblemGroup[] {
  const groups = new Map<string, ProblemGroup>();
  for (const inv of preview.invoices) {
    for (const p of inv.problems) {
      const key = `${p.severity}:${p.code}`;
      const group = groups.get(key) ?? {
        code: p.code,
        severity: p.severity,
        example: p.message,
        invoices: [],
      };
      if (!group.invoices.includes(inv.number)) group.invoices.push(inv.number);
      groups.set(key, group);
    }
  }
  return [...groups.values()].sort(
    (a, b) =>
      Number(b.severity === 'error') - Number(a.severity === 'error') ||
      b.invoices.length - a.invoices.length,
  );
}

/** Cards start closed beyond this many invoices: the grouped problems above say what is wrong. */
const OPEN_CARDS_UP_TO = 12;

export function PreviewView({ preview, invoiceActions }: Props) {
  const { summary } = preview;
  const groups = groupProblems(preview);
  const openBlocked = preview.invoices.length <= OPEN_CARDS_UP_TO;
  const totals = summary.totals ?? [];
  return (
    <section aria-labelledby="preview-heading" className="preview" data-testid="preview">
      <h2 id="preview-heading">Preview</h2>
      <p className="preview-summary" role="status">
        <span className="badge badge-good">{summary.ready} ready</span>{' '}
        <span className={`badge ${summary.blocked ? 'badge-bad' : 'badge-neutral'}`}>
          {summary.blocked} blocked
        </span>{' '}
        <span className={`badge ${summary.warnings ? 'badge-warn' : 'badge-neutral'}`}>
          {summary.warnings} {summary.warnings === 1 ? 'warning' : 'warnings'}
        </span>{' '}
        <span className="muted" data-testid="preview-totals">
          {totals.length ? `Total ${totals.map((t) => formatMoney(t.total, t.currency)).join(' · ')}` : null}
        </span>
      </p>
      {groups.length ? (
        <ul className="problem-groups" data-testid="problem-groups">
          {groups.map((g) => {
            const fix = fixFor(g.code, preview.interfaceId);
            const n = g.invoices.length;
            return (
              <li
                key={`${g.severity}:${g.code}`}
                className={g.severity === 'error' ? 'problem-error' : 'problem-warning'}
              >
                <strong>
                  {n} {n === 1 ? 'invoice' : 'invoices'}{' '}
                  {g.severity === 'error' ? 'blocked' : 'with a warning'}:
                </strong>{' '}
                {g.example}
                {n > 1 ? (
                  <span className="muted">
                    {' '}
                    (e.g. {g.invoices.slice(0, 3).join(', ')}
                    {n > 3 ? ', …' : ''})
                  </span>
                ) : null}{' '}
                {fix ? <Link to={fix.to}>{fix.label}</Link> : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {summary.blocked ? (
        <p className="muted small">
          Blocked invoices stay behind when you upload; fix what is listed and preview again.
        </p>
      ) : null}
      {preview.invoices.map((inv) => (
        <PreviewCard
          key={inv.invoiceId}
          invoice={inv}
          open={!inv.ready && openBlocked}
          actions={invoiceActions?.(inv)}
        />
      ))}
    </section>
  );
}

function PreviewCard({
  invoice: inv,
  open,
  actions,
}: {
  invoice: PreviewInvoice;
  open: boolean;
  actions: ReactNode;
}) {
  const totalsDiffer = inv.ledgerTotal !== null && inv.ledgerTotal !== inv.total;
  return (
    <details
      className={`preview-card${inv.ready ? '' : ' is-blocked'}`}
      open={open}
      data-invoice={inv.number}
    >
      <summary>
        <span className="strong">
          {inv.kind === 'credit' ? 'Credit note' : 'Invoice'} {inv.number}
        </span>
        <span className={`badge ${inv.ready ? 'badge-good' : 'badge-bad'}`}>
          {inv.ready ? 'Ready' : 'Blocked'}
        </span>
        <span>{inv.clientName}</span>
        <span className="preview-totals">
          Abtrac {formatMoney(inv.total, inv.currency)}
          <span className={totalsDiffer ? 'warn-text' : 'muted'}>
            {' '}
            · ledger {inv.ledgerTotal === null ? '—' : formatMoney(inv.ledgerTotal, inv.currency)}
          </span>
        </span>
      </summary>
      <div className="preview-body">
        {inv.problems.length ? (
          <ul className="problem-list">
            {inv.problems.map((p) => (
              <li
                key={`${p.code}:${p.field ?? ''}:${p.message}`}
                className={p.severity === 'error' ? 'problem-error' : 'problem-warning'}
              >
                <strong>{p.severity === 'error' ? 'Error' : 'Warning'}:</strong> {p.message}
              </li>
            ))}
          </ul>
        ) : null}
        <p className="small">
          Contact:{' '}
          <span className="strong">{CONTACT[inv.contact.status] ?? humanize(inv.contact.status)}</span>
          {inv.contact.name ? ` (${inv.contact.name})` : ''}
          {inv.contact.message ? <span className="muted"> {inv.contact.message}</span> : null}
          {inv.job ? (
            <>
              {' · '}Job: <span className="strong">{humanize(inv.job.status)}</span>
              {inv.job.name ? ` (${inv.job.name})` : ''}
            </>
          ) : null}
        </p>
        <table className="table table-compact">
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col" className="num">
                Net
              </th>
              <th scope="col" className="num">
                Tax
              </th>
              <th scope="col">Account</th>
              <th scope="col">Tax code</th>
              <th scope="col">Tracking</th>
            </tr>
          </thead>
          <tbody>
            {inv.lines.map((l, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines have no id and keep their order.
              <tr key={i}>
                <td>{l.description}</td>
                <td className="num">{formatMoney(l.net, inv.currency)}</td>
                <td className="num">{formatMoney(l.tax, inv.currency)}</td>
                <td>
                  {l.accountCode ? (
                    <span className="code">{l.accountCode}</span>
                  ) : (
                    <span className="problem-text">None</span>
                  )}
                  <span className="block muted">{l.accountSource}</span>
                </td>
                <td>
                  {l.taxCode ? (
                    <span className="code">{l.taxCode}</span>
                  ) : (
                    <span className="problem-text">None</span>
                  )}
                  <span className="block muted">{l.taxSource}</span>
                </td>
                <td>{l.trackingOption ?? <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {actions ? <div className="button-row">{actions}</div> : null}
      </div>
    </details>
  );
}
