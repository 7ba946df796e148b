// What would be sent, invoice by invoice: ready or blocked, every problem in plain words (errors in red,
// warnings in amber), each line's account and tax code with where they came from, the contact, and the
// Abtrac total beside the total the ledger will compute.
import type { ReactNode } from 'react';
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

export function PreviewView({ preview, invoiceActions }: Props) {
  const { summary } = preview;
  const currency = preview.invoices[0]?.currency ?? '';
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
        <span className="muted">Total {formatMoney(summary.total, currency)}</span>
      </p>
      {summary.blocked ? (
        <p className="muted small">
          Blocked invoices stay behind when you upload; fix what is listed and preview again.
        </p>
      ) : null}
      {preview.invoices.map((inv) => (
        <PreviewCard key={inv.invoiceId} invoice={inv} actions={invoiceActions?.(inv)} />
      ))}
    </section>
  );
}

function PreviewCard({ invoice: inv, actions }: { invoice: PreviewInvoice; actions: ReactNode }) {
  const totalsDiffer = inv.ledgerTotal !== null && inv.ledgerTotal !== inv.total;
  return (
    <details
      className={`preview-card${inv.ready ? '' : ' is-blocked'}`}
      open={!inv.ready}
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
