// Where a person opens a document the add-on sent, in the ledger's own web app (docs/platforms/xero.md,
// "Links to documents"). Xero's invoice and credit note pages take the document's id; they open in the
// organisation the person has open in Xero. MYOB Business publishes no per-invoice web address, so none is
// offered for it rather than a guessed one.

const XERO = 'https://go.xero.com';

export function ledgerDocumentUrl(
  provider: string,
  kind: 'invoice' | 'credit',
  externalId: string | null,
): string | null {
  if (!externalId) return null;
  const id = encodeURIComponent(externalId);
  if (provider === 'xero') {
    return kind === 'credit'
      ? `${XERO}/AccountsReceivable/ViewCreditNote.aspx?creditNoteID=${id}`
      : `${XERO}/AccountsReceivable/View.aspx?InvoiceID=${id}`;
  }
  return null;
}
