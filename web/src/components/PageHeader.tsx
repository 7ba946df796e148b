import { type ReactNode, useEffect, useRef } from 'react';
import { usePageTitle } from '../usePageTitle.ts';

interface Props {
  title: string;
  description?: ReactNode;
  /** Links or buttons shown at the right of the title, e.g. "Back to invoices". */
  actions?: ReactNode;
}

/** A page's title. Focus moves to it when the page opens, so screen readers announce the new page. */
export function PageHeader({ title, description, actions }: Props) {
  usePageTitle(title);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus({ preventScroll: true }), []);
  return (
    <header className="page-header">
      <div>
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {description ? <p className="page-description">{description}</p> : null}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </header>
  );
}
