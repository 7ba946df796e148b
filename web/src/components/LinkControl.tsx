// Links a record to one other record (office -> invoice setting, invoice setting -> accounts interface).
// The server enforces "one at a time": linking while already linked is refused with a 409 whose message
// tells the person to unlink first, and that message is shown here as it is.
import { useEffect, useId, useState } from 'react';
import { type ApiError, toApiError } from '../api.ts';

export interface LinkOption {
  id: string;
  name: string;
}

interface Props {
  /** Accessible name of the select, e.g. "Invoice setting for Sydney". */
  label: string;
  options: LinkOption[];
  currentId: string | null;
  onLink: (id: string) => Promise<unknown>;
  onUnlink: () => Promise<unknown>;
  /** Called after a change succeeded, so the page can reload what depends on it. */
  onChanged: () => void;
}

export function LinkControl({ label, options, currentId, onLink, onUnlink, onChanged }: Props) {
  const selectId = useId();
  const [selected, setSelected] = useState(currentId ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();

  // After a reload the current link may have changed: show it.
  useEffect(() => setSelected(currentId ?? ''), [currentId]);

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      onChanged();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  }

  const canLink = selected !== '' && selected !== currentId && !busy;
  return (
    <div className="link-control">
      <div className="link-control-row">
        <label className="visually-hidden" htmlFor={selectId}>
          {label}
        </label>
        <select
          id={selectId}
          value={selected}
          onChange={(e) => {
            setSelected(e.target.value);
            setError(undefined);
          }}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? `${selectId}-error` : undefined}
        >
          <option value="">Not linked</option>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button"
          disabled={!canLink}
          onClick={() => run(() => onLink(selected))}
        >
          Link
        </button>
        {currentId ? (
          <button type="button" className="button button-quiet" disabled={busy} onClick={() => run(onUnlink)}>
            Unlink
          </button>
        ) : null}
      </div>
      {error ? (
        <p className="inline-error" id={`${selectId}-error`} role="alert">
          {error.message}
        </p>
      ) : null}
    </div>
  );
}
