import type { FormEvent, ReactNode } from 'react';
import type { ApiError } from '../api.ts';
import { ErrorNotice } from './Notices.tsx';

interface Props {
  title: string;
  submitLabel: string;
  busy: boolean;
  error: ApiError | undefined;
  onSubmit: (event: FormEvent) => void;
  /** The fields this form shows errors beside; any other problem is shown above the form. */
  fieldNames: string[];
  children: ReactNode;
}

/** The panel that holds a page's "create" form: a heading, the fields in a row, and one clear verb. */
export function CreateForm({ title, submitLabel, busy, error, onSubmit, fieldNames, children }: Props) {
  const headingId = `${title.replace(/\W+/g, '-').toLowerCase()}-heading`;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <form className="form-row" onSubmit={onSubmit} noValidate>
        {children}
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : submitLabel}
        </button>
      </form>
      {error && !Object.keys(error.fields).some((f) => fieldNames.includes(f)) ? (
        <ErrorNotice error={error} />
      ) : null}
    </section>
  );
}
