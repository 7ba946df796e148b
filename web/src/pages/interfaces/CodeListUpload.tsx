// Loads an import-file package's own chart of accounts or tax-code list (exported from the package as CSV,
// tab-separated text or IIF) so the mapping dropdowns offer the package's codes without an API.
import { useState } from 'react';
import { type ApiError, api, toApiError } from '../../api.ts';
import { ErrorNotice, SuccessNotice } from '../../components/Notices.tsx';

interface Props {
  interfaceId: string;
  providerName: string;
  onLoaded: () => void;
}

export function CodeListUpload({ interfaceId, providerName, onLoaded }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [notice, setNotice] = useState('');

  async function load(kind: 'accounts' | 'taxRates', file: File | undefined) {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    setNotice('');
    try {
      const text = await file.text();
      const counts = await api.interfaces.loadCodeList(interfaceId, kind, text);
      setNotice(
        kind === 'accounts'
          ? `${counts.accounts} accounts loaded from ${file.name}.`
          : `${counts.taxRates} tax codes loaded from ${file.name}.`,
      );
      onLoaded();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="code-lists-heading">
      <h2 id="code-lists-heading">Codes from {providerName}</h2>
      <p className="muted small">
        Export the chart of accounts and the tax codes from {providerName} (CSV, tab-separated text or IIF)
        and load them here: the Mappings dropdowns then offer {providerName}'s own codes and names, and the
        preview checks against them. Without a list, type the codes exactly as {providerName} shows them.
      </p>
      <div className="form-row">
        <label className="field">
          Chart of accounts file
          <input
            type="file"
            accept=".csv,.txt,.iif,text/csv,text/plain"
            disabled={busy}
            onChange={(e) => load('accounts', e.target.files?.[0])}
          />
        </label>
        <label className="field">
          Tax codes file
          <input
            type="file"
            accept=".csv,.txt,.iif,text/csv,text/plain"
            disabled={busy}
            onChange={(e) => load('taxRates', e.target.files?.[0])}
          />
        </label>
      </div>
      <ErrorNotice error={error} title="The list could not be loaded." />
      <SuccessNotice>{notice}</SuccessNotice>
    </section>
  );
}
