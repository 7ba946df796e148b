import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, toApiError } from './api.ts';

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  /** Loads again, keeping the current data on screen meanwhile (no flash of "Loading…"). */
  reload: () => void;
}

/**
 * Loads data for a page. `key` names what is loaded: when it changes, the data loads again, and an answer
 * to an older key is dropped so a slow response cannot overwrite a newer one.
 */
export function useResource<T>(key: string, load: () => Promise<T>): Resource<T> {
  const loadRef = useRef(load);
  loadRef.current = load;
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<Omit<Resource<T>, 'reload'>>({
    data: undefined,
    error: undefined,
    loading: true,
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: key and version are exactly the reasons to load again.
  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    loadRef.current().then(
      (data) => current && setState({ data, error: undefined, loading: false }),
      (error: unknown) => current && setState((s) => ({ ...s, error: toApiError(error), loading: false })),
    );
    return () => {
      current = false;
    };
  }, [key, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { ...state, reload };
}
