// Payments coming back from the ledger: when they were last read, and Check now. MYOB sends no webhooks,
// so without this a payment shows only at the next hourly poll.
import { useEffect, useState } from 'react';
import { type ApiError, api, toApiError } from '../../api.ts';
import { ErrorNotice, SuccessNotice } from '../../components/Notices.tsx';
import { formatDateTime } from '../../format.ts';

export function PaymentsCard({
  interfaceId,
  platform,
  connected,
}: {
  interfaceId: string;
  platform: string;
  connected: boolean;
}) {
  const [checkedAt, setCheckedAt] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [notice, setNotice] = useState('');
  useEffect(() => {
    api.interfaces.payments(interfaceId).then(
      (r) => setCheckedAt(r.checkedAt),
      () => setCheckedAt(null),
    );
  }, [interfaceId]);

  async function check() {
    setBusy(true);
    setError(undefined);
    setNotice('');
    try {
      const r = await api.interfaces.checkPayments(interfaceId);
      setCheckedAt(r.checkedAt);
      setNotice(
        r.changed
          ? `${r.changed} ${r.changed === 1 ? 'invoice' : 'invoices'} changed (paid, part-paid, voided or deleted).`
          : 'No payment changes since the last check.',
      );
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="payments-heading">
      <div className="panel-heading">
        <h2 id="payments-heading">Payments from {platform}</h2>
        <button type="button" className="button" onClick={check} disabled={busy || !connected}>
          {busy ? 'Checking…' : 'Check now'}
        </button>
      </div>
      <p data-testid="payments-checked">
        Last checked: {checkedAt ? formatDateTime(checkedAt) : <span className="muted">never</span>}
      </p>
      <p className="muted small">
        {platform === 'Xero'
          ? 'Xero sends payments as they happen; they are also read back every hour.'
          : `${platform} sends no notice of payments: they are read back every hour, or now with Check now.`}
      </p>
      <ErrorNotice error={error} title="Payments could not be checked." />
      <SuccessNotice>{notice}</SuccessNotice>
    </section>
  );
}
