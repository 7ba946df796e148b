import { useEffect, useRef, useState } from 'react';
import { type AccountsInterface, api } from '../../api.ts';
import { useSubmit } from '../../useSubmit.ts';

interface Props {
  item: AccountsInterface;
  onRenamed: () => void;
}

/** The display name cell: the name, or an inline form to rename it. */
export function RenameInterface({ item, onRenamed }: Props) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(item.displayName);
  const input = useRef<HTMLInputElement>(null);
  const renameButton = useRef<HTMLButtonElement>(null);
  const { submit, busy, error, fieldErrors, clearError } = useSubmit(
    () => api.interfaces.rename(item.id, { displayName: name }),
    () => {
      setEditing(false);
      onRenamed();
    },
  );
  const wasEditing = useRef(false);
  // Keyboard users land in the input when the form opens and back on "Rename" when it closes.
  useEffect(() => {
    if (editing) input.current?.focus();
    else if (wasEditing.current) renameButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  function cancel() {
    setEditing(false);
    setName(item.displayName);
    clearError();
  }

  if (!editing) {
    return (
      <div className="name-cell">
        <span className="strong">{item.displayName}</span>
        <button
          ref={renameButton}
          type="button"
          className="button button-quiet button-small"
          aria-label={`Rename ${item.displayName}`}
          onClick={() => {
            setName(item.displayName);
            setEditing(true);
          }}
        >
          Rename
        </button>
      </div>
    );
  }

  const message = fieldErrors.displayName ?? error?.message;
  const errorId = `rename-${item.id}-error`;
  return (
    <form className="rename-form" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && cancel()}>
      <label className="visually-hidden" htmlFor={`rename-${item.id}`}>
        New display name for {item.displayName}
      </label>
      <input
        ref={input}
        id={`rename-${item.id}`}
        value={name}
        onChange={(e) => setName(e.target.value)}
        aria-invalid={Boolean(message)}
        aria-describedby={message ? errorId : undefined}
      />
      <button type="submit" className="button button-primary button-small" disabled={busy}>
        Save name
      </button>
      <button type="button" className="button button-quiet button-small" onClick={cancel}>
        Cancel
      </button>
      {message ? (
        <p className="inline-error" id={errorId} role="alert">
          {message}
        </p>
      ) : null}
    </form>
  );
}
