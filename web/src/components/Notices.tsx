// The states every page shares: loading, nothing yet, something went wrong, something worked.
import type { ReactNode } from 'react';
import type { ApiError } from '../api.ts';

export function Loading({ what }: { what: string }) {
  return (
    <p className="notice notice-muted" role="status">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="notice notice-muted">{children}</p>;
}

/** An API error in plain words. role="alert" so it is read out when it appears. */
export function ErrorNotice({ error, title }: { error: ApiError | undefined; title?: string }) {
  if (!error) return null;
  return (
    <div className="notice notice-error" role="alert">
      {title ? <strong>{title} </strong> : null}
      {error.message}
    </div>
  );
}

export function SuccessNotice({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <p className="notice notice-success" role="status">
      {children}
    </p>
  );
}

/**
 * What a saved form says: an error without fields as a notice, one whose fields are marked beside their
 * inputs as a short line under the form, and a success.
 */
export function FormOutcome({ error, notice }: { error: ApiError | undefined; notice: ReactNode }) {
  const onFields = error && Object.keys(error.fields).length > 0;
  return (
    <>
      {error && !onFields ? <ErrorNotice error={error} /> : null}
      {onFields ? (
        <p className="inline-error" role="alert">
          {error.message}
        </p>
      ) : null}
      <SuccessNotice>{notice}</SuccessNotice>
    </>
  );
}
