import { useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api.ts';
import { Empty, ErrorNotice, Loading } from '../../components/Notices.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useResource } from '../../useResource.ts';
import { InvoiceFilterForm } from './InvoiceFilterForm.tsx';
import { InvoiceTable } from './InvoiceTable.tsx';
import { filtersFromParams, paramsFromFilters } from './invoiceFilters.ts';
import { useInvoicePages } from './useInvoicePages.ts';

export function InvoicesPage() {
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const filters = useMemo(() => filtersFromParams(new URLSearchParams(search)), [search]);
  const offices = useResource('offices', api.offices.list);
  const list = useInvoicePages(filters);
  const summary = useRef<HTMLParagraphElement>(null);
  const officeNames = new Map(offices.data?.map((o) => [o.id, o.name]));
  const filtered = Object.values(filters).some(Boolean);

  function loadMore() {
    // The button disappears after the last page; keep keyboard focus nearby rather than losing it.
    summary.current?.focus({ preventScroll: true });
    list.loadMore();
  }

  return (
    <>
      <PageHeader title="Invoices" description="Invoices from Abtrac, newest first." />
      <InvoiceFilterForm
        filters={filters}
        offices={offices.data ?? []}
        fieldErrors={list.error?.fields ?? {}}
        onApply={(next) => setParams(paramsFromFilters(next))}
      />
      <ErrorNotice error={offices.error} title="The offices could not be loaded." />
      <ErrorNotice error={list.error} title="The invoices could not be loaded." />
      {list.items.length === 0 && list.loading ? <Loading what="invoices" /> : null}
      {list.items.length === 0 && !list.loading && !list.error ? (
        <Empty>{filtered ? 'No invoices match these filters.' : 'There are no invoices yet.'}</Empty>
      ) : null}
      {list.items.length > 0 ? (
        <>
          <InvoiceTable
            invoices={list.items}
            officeName={(id) => officeNames.get(id) ?? '…'}
            listSearch={search ? `?${search}` : ''}
          />
          <div className="list-footer">
            <p ref={summary} tabIndex={-1} aria-live="polite" data-testid="invoice-count">
              {list.nextCursor
                ? `Showing the first ${list.items.length} invoices.`
                : `Showing all ${list.items.length} invoices.`}
            </p>
            {list.nextCursor ? (
              <button type="button" className="button" onClick={loadMore} disabled={list.loading}>
                {list.loading ? 'Loading…' : 'Load more'}
              </button>
            ) : null}
          </div>
        </>
      ) : null}
    </>
  );
}
