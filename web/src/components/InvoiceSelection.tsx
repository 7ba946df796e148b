// Choosing invoices to send (a batch) or to write (an export): committed invoices not yet in this
// accounts file, filtered by office and date, with a checkbox each and Park / Un-park.
import { type ReactNode, useEffect, useId, useMemo, useState } from 'react';
import { type ApiError, type AvailableFilters, type AvailableInvoice, api, toApiError } from '../api.ts';
import { formatDate, formatMoney } from '../format.ts';
import { useResource } from '../useResource.ts';
import { Empty, ErrorNotice, Loading } from './Notices.tsx';

interface Props {
  interfaceId: string;
  /** The buttons under the table, given the chosen invoices and the filters. */
  actions: (selectedIds: string[], filters: AvailableFilters) => ReactNode;
  /** Bump to load the list again (after a batch or export took some invoices). */
  version?: number;
}

export function InvoiceSelection({ interfaceId, actions, version = 0 }: Props) {
  const offices = useResource('offices', api.offices.list);
  const [draft, setDraft] = useState<AvailableFilters>({});
  const [filters, setFilters] = useState<AvailableFilters>({});
  const [parkVersion, setParkVersion] = useState(0);
  const available = useResource(
    `available:${interfaceId}:${JSON.stringify(filters)}:${version}:${parkVersion}`,
    () => api.batches.available(interfaceId, filters),
  );
  const [selected, setSelected] = useState<Set<string>>(new Set());
  // The API lists only invoices that are not parked, so the ones parked here are kept to un-park them.
  const [parked, setParked] = useState<AvailableInvoice[]>([]);
  const [busyId, setBusyId] = useState('');
  const [parkError, setParkError] = useState<ApiError>();
  const idBase = useId();

  // A new interface starts a new selection.
  // biome-ignore lint/correctness/useExhaustiveDependencies: interfaceId is exactly the reason to reset.
  useEffect(() => {
    setSelected(new Set());
    setParked([]);
  }, [interfaceId]);

  const rows = available.data ?? [];
  // Keep only choices still on the list.
  const chosen = useMemo(
    () => rows.filter((r) => selected.has(r.invoiceId)).map((r) => r.invoiceId),
    [rows, selected],
  );
  const allChosen = rows.length > 0 && chosen.length === rows.length;

  function toggle(id: string, on: boolean) {
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  async function park(invoice: AvailableInvoice, on: boolean) {
    setBusyId(invoice.invoiceId);
    setParkError(undefined);
    try {
      if (on) {
        await api.parking.park(invoice.invoiceId);
        setParked((p) => [
          ...p.filter((x) => x.invoiceId !== invoice.invoiceId),
          { ...invoice, parked: true },
        ]);
        toggle(invoice.invoiceId, false);
      } else {
        await api.parking.unpark(invoice.invoiceId);
        setParked((p) => p.filter((x) => x.invoiceId !== invoice.invoiceId));
      }
      setParkVersion((v) => v + 1);
    } catch (e) {
      setParkError(toApiError(e));
    } finally {
      setBusyId('');
    }
  }

  return (
    <>
      <form
        className="form-row filters"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters(draft);
        }}
      >
        <div className="field">
          <label htmlFor={`${idBase}-office`}>Office</label>
          <select
            id={`${idBase}-office`}
            value={draft.officeId ?? ''}
            onChange={(e) => setDraft((d) => ({ ...d, officeId: e.target.value || undefined }))}
          >
            <option value="">All offices</option>
            {offices.data?.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${idBase}-from`}>Invoice date from</label>
          <input
            id={`${idBase}-from`}
            type="date"
            value={draft.from ?? ''}
            onChange={(e) => setDraft((d) => ({ ...d, from: e.target.value || undefined }))}
          />
        </div>
        <div className="field">
          <label htmlFor={`${idBase}-to`}>to</label>
          <input
            id={`${idBase}-to`}
            type="date"
            value={draft.to ?? ''}
            onChange={(e) => setDraft((d) => ({ ...d, to: e.target.value || undefined }))}
          />
        </div>
        <button type="submit" className="button">
          Show invoices
        </button>
      </form>
      <ErrorNotice error={available.error} title="The invoices could not be loaded." />
      <ErrorNotice error={parkError} />
      {!available.data && available.loading ? <Loading what="invoices" /> : null}
      {available.data && rows.length === 0 ? (
        <Empty>
          No committed invoices are waiting for this accounts interface
          {filters.officeId || filters.from || filters.to ? ' with these filters' : ''}.
        </Empty>
      ) : null}
      {rows.length > 0 ? (
        <div className="table-wrap scroll-table">
          <table className="table" data-testid="available-table">
            <caption className="visually-hidden">Invoices that can be sent</caption>
            <thead>
              <tr>
                <th scope="col" className="check-cell">
                  <input
                    type="checkbox"
                    aria-label="Select all invoices"
                    checked={allChosen}
                    ref={(el) => {
                      if (el) el.indeterminate = chosen.length > 0 && !allChosen;
                    }}
                    onChange={(e) =>
                      setSelected(e.target.checked ? new Set(rows.map((r) => r.invoiceId)) : new Set())
                    }
                  />
                </th>
                <th scope="col">Invoice</th>
                <th scope="col">Date</th>
                <th scope="col">Client</th>
                <th scope="col">Office</th>
                <th scope="col" className="num">
                  Total
                </th>
                <th scope="col">
                  <span className="visually-hidden">Park</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.invoiceId}>
                  <td className="check-cell">
                    <input
                      type="checkbox"
                      aria-label={`Select invoice ${r.number}`}
                      checked={selected.has(r.invoiceId)}
                      onChange={(e) => toggle(r.invoiceId, e.target.checked)}
                    />
                  </td>
                  <th scope="row">{r.number}</th>
                  <td className="nowrap">{formatDate(r.invoiceDate)}</td>
                  <td>{r.clientName}</td>
                  <td>{r.officeName}</td>
                  <td className="num">{formatMoney(r.total, r.currency)}</td>
                  <td>
                    <button
                      type="button"
                      className="button button-quiet button-small"
                      disabled={busyId === r.invoiceId}
                      aria-label={`Park invoice ${r.number}`}
                      onClick={() => park(r, true)}
                    >
                      Park
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {parked.length > 0 ? (
        <section className="panel" aria-labelledby={`${idBase}-parked`}>
          <h3 id={`${idBase}-parked`}>Parked</h3>
          <p className="muted small">
            Parked invoices stay out of batches and exports until they are un-parked.
          </p>
          <ul className="plain-list">
            {parked.map((p) => (
              <li key={p.invoiceId} className="parked-row">
                <span className="strong">{p.number}</span> {p.clientName}{' '}
                <span className="muted">{formatMoney(p.total, p.currency)}</span>
                <button
                  type="button"
                  className="button button-small"
                  disabled={busyId === p.invoiceId}
                  aria-label={`Un-park invoice ${p.number}`}
                  onClick={() => park(p, false)}
                >
                  Un-park
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {rows.length > 0 ? (
        <div className="selection-bar">
          <span aria-live="polite" data-testid="selection-count">
            {chosen.length} of {rows.length} {rows.length === 1 ? 'invoice' : 'invoices'} selected
          </span>
          {actions(chosen, filters)}
        </div>
      ) : null}
    </>
  );
}
