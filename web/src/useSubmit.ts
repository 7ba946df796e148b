import { useState } from 'react';
import { type ApiError, toApiError } from './api.ts';

/**
 * Runs a form's action and keeps what the page shows about it: busy while it runs, the API's error
 * message, and its per-field messages (`fields`) for the inputs they belong to.
 */
export function useSubmit<T>(action: () => Promise<T>, onDone: (result: T) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();

  async function submit(event?: { preventDefault(): void }) {
    event?.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      onDone(await action());
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  }

  return { submit, busy, error, fieldErrors: error?.fields ?? {}, clearError: () => setError(undefined) };
}
