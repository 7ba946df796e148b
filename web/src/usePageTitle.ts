import { useEffect } from 'react';

/** Sets the browser tab's title, so tabs and history entries say which page they are. */
export function usePageTitle(title: string) {
  useEffect(() => {
    document.title = `${title} · Abtrac Accounts Link`;
  }, [title]);
}
