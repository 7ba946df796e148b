import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, api, type InvoiceFilters, type InvoiceSummary, toApiError } from '../../api.ts';

interface State {
  items: InvoiceSummary[];
  nextCursor: string | null;
  loading: boolean;
  error: ApiError | undefined;
}

/**
 * The invoice list, a page at a time through the API's `nextCursor`. New filters start again from the
 * first page; answers for filters no longer shown are dropped.
 */
export function useInvoicePages(filters: InvoiceFilters) {
  const key = JSON.stringify(filters);
  const [state, setState] = useState<State>({ items: [], nextCursor: null, loading: true, error: undefined });
  const request = useRef(0);

  const fetchPage = useCallback(
    async (cursor: string | undefined) => {
      const id = ++request.current;
      setState((s) => ({ ...s, loading: true, error: undefined }));
      try {
        const page = await api.invoices.list(JSON.parse(key) as InvoiceFilters, cursor);
        if (id !== request.current) return;
        setState((s) => ({
          items: cursor ? [...s.items, ...page.items] : page.items,
          nextCursor: page.nextCursor,
          loading: false,
          error: undefined,
        }));
      } catch (e) {
        if (id === request.current) setState((s) => ({ ...s, loading: false, error: toApiError(e) }));
      }
    },
    [key],
  );

  useEffect(() => {
    setState({ items: [], nextCursor: null, loading: true, error: undefined });
    fetchPage(undefined);
  }, [fetchPage]);

  const loadMore = useCallback(() => {
    if (state.nextCursor) fetchPage(state.nextCursor);
  }, [fetchPage, state.nextCursor]);

  return { ...state, loadMore };
}
