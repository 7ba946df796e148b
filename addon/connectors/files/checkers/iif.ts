// Reads an IIF file the way QuickBooks Desktop and Reckon Accounts do (docs/platforms/quickbooks-desktop.md,
// docs/platforms/reckon-accounts.md): Windows-1252 text, TAB-separated, CRLF; keyword rows !TRNS/!SPL/!ENDTRNS name
// the fields; each TRNS is followed by its SPL lines and closed by ENDTRNS; every transaction balances.
// QuickBooks Desktop (US): AMOUNTs sum to zero, sales tax posted by one AUTOSTAX SPL line. Reckon (AU): AMOUNTs and
// TAXAMOUNTs together sum to zero, each line carrying its GST; a separate GST line would post the GST twice.
import {
  byHeader,
  type Checker,
  cents,
  crlfLines,
  isDate,
  isDecimal,
  isMoney,
  len,
  readCp1252,
  reporter,
  type Violation,
} from './read.ts';

const NAME_MAX = 41;
const DOCNUM_MAX = 11;

interface Transaction {
  line: number;
  trns: Record<string, string>;
  spl: { line: number; row: Record<string, string> }[];
}

function checkIif(file: { fileName: string; bytes: Uint8Array }, reckon: boolean): Violation[] {
  const r = reporter(file.fileName);
  const lines = crlfLines(readCp1252(file, r.add), r.add);
  const fields: Record<string, string[]> = {};
  const transactions: Transaction[] = [];
  let open: Transaction | undefined;
  for (const [i, text] of lines.entries()) {
    const line = i + 1;
    const rec = text.split('\t');
    const key = rec[0]!;
    if (key.startsWith('!')) {
      fields[key.slice(1)] = rec.slice(1);
      continue;
    }
    if (key === 'TRNS') {
      if (!fields.TRNS) {
        r.add('keywords', 'A TRNS record comes before the !TRNS keyword row.', line);
        continue;
      }
      if (open) r.add('structure', 'A TRNS starts before the previous one was closed by ENDTRNS.', line);
      open = { line, trns: byHeader(fields.TRNS, rec.slice(1)), spl: [] };
    } else if (key === 'SPL') {
      if (!fields.SPL) {
        r.add('keywords', 'An SPL record comes before the !SPL keyword row.', line);
        continue;
      }
      if (!open) {
        r.add('structure', 'An SPL record is outside a transaction.', line);
        continue;
      }
      open.spl.push({ line, row: byHeader(fields.SPL, rec.slice(1)) });
    } else if (key === 'ENDTRNS') {
      if (!open) {
        r.add('structure', 'ENDTRNS without a TRNS.', line);
        continue;
      }
      transactions.push(open);
      open = undefined;
    } else if (text.trim() !== '') {
      r.add('structure', `Unknown record type "${key}".`, line);
    }
  }
  if (open) r.add('structure', 'The last transaction is not closed by ENDTRNS.', open.line);
  if (!fields.TRNS || !fields.SPL || !('ENDTRNS' in fields))
    r.add('keywords', 'The !TRNS, !SPL and !ENDTRNS keyword rows are required.', 1);

  for (const t of transactions) {
    const { trns } = t;
    const doc = trns.DOCNUM ?? '';
    const type = trns.TRNSTYPE;
    if (type !== 'INVOICE' && type !== 'CREDIT MEMO')
      r.add('type', `TRNSTYPE "${type}" is neither INVOICE nor CREDIT MEMO.`, t.line, 'TRNSTYPE');
    if (!trns.ACCNT) r.add('required', 'The TRNS line has no ACCNT (accounts receivable).', t.line, 'ACCNT');
    if (!trns.NAME) r.add('required', 'The TRNS line has no customer NAME.', t.line, 'NAME');
    const parts = (trns.NAME ?? '').split(':');
    if (parts.length > 2)
      r.add('name', `NAME "${trns.NAME}" has more than one ":" (Customer:Job).`, t.line, 'NAME');
    for (const p of parts)
      if (len(p) > NAME_MAX) r.add('length', `"${p}" is over ${NAME_MAX} characters.`, t.line, 'NAME');
    if (len(doc) > DOCNUM_MAX)
      r.add('length', `DOCNUM "${doc}" is over ${DOCNUM_MAX} characters.`, t.line, 'DOCNUM');
    if (t.spl.length === 0) r.add('structure', `Transaction ${doc} has no SPL lines.`, t.line);
    for (const [rec, line] of [[trns, t.line] as const, ...t.spl.map((s) => [s.row, s.line] as const)]) {
      if (!isDate(rec.DATE ?? '', 'MM/DD/YYYY'))
        r.add('date', `DATE "${rec.DATE}" is not MM/DD/YYYY.`, line, 'DATE');
      if (!isMoney(rec.AMOUNT ?? ''))
        r.add('number', `AMOUNT "${rec.AMOUNT}" is not an amount.`, line, 'AMOUNT');
    }
    if (trns.AMOUNT && isMoney(trns.AMOUNT)) {
      const total = cents(trns.AMOUNT);
      if (type === 'INVOICE' && total < 0n)
        r.add('sign', `Invoice ${doc} posts a negative amount to receivables.`, t.line, 'AMOUNT');
      if (type === 'CREDIT MEMO' && total > 0n)
        r.add('sign', `Credit memo ${doc} posts a positive amount to receivables.`, t.line, 'AMOUNT');
    }
    let sum = isMoney(trns.AMOUNT ?? '') ? cents(trns.AMOUNT!) : 0n;
    let autostax = 0;
    for (const { row, line } of t.spl) {
      if (!row.ACCNT) r.add('required', 'An SPL line has no ACCNT.', line, 'ACCNT');
      if (!row.INVITEM) r.add('required', 'An SPL line has no INVITEM (item).', line, 'INVITEM');
      if (isMoney(row.AMOUNT ?? '')) sum += cents(row.AMOUNT!);
      if (row.QNTY && !isDecimal(row.QNTY))
        r.add('number', `QNTY "${row.QNTY}" is not a number.`, line, 'QNTY');
      if (row.EXTRA === 'AUTOSTAX') autostax++;
      if (reckon) {
        const tax = row.TAXAMOUNT ?? '';
        if (tax !== '' && !isMoney(tax))
          r.add('number', `TAXAMOUNT "${tax}" is not an amount.`, line, 'TAXAMOUNT');
        if (isMoney(tax)) sum += cents(tax);
        if (!row.TAXCODE) r.add('required', 'A Reckon line needs its TAXCODE.', line, 'TAXCODE');
        if (len(row.TAXCODE ?? '') > 3)
          r.add('length', `TAXCODE "${row.TAXCODE}" is over 3 characters.`, line, 'TAXCODE');
        // The line's GST must be its AMOUNT at its TAXRATE, to the cent (Reckon computes the BAS from these).
        const rate = (row.TAXRATE ?? '').replace(/%$/, '');
        if (isMoney(tax) && isMoney(row.AMOUNT ?? '') && isDecimal(rate)) {
          const expected = (cents(row.AMOUNT!) * BigInt(Math.round(Number(rate) * 10000))) / 1_000_000n;
          const diff = cents(tax) - expected;
          if (diff > 1n || diff < -1n)
            r.add(
              'tax',
              `TAXAMOUNT ${tax} is not ${row.TAXRATE} of AMOUNT ${row.AMOUNT}.`,
              line,
              'TAXAMOUNT',
            );
        }
      }
    }
    if (reckon && autostax > 0)
      r.add(
        'gst_twice',
        `Transaction ${doc} has a separate GST line as well as each line's TAXAMOUNT: Reckon would post the GST twice.`,
        t.line,
      );
    if (!reckon && autostax !== 1)
      r.add(
        'sales_tax',
        `Transaction ${doc} needs exactly one AUTOSTAX sales-tax line; it has ${autostax}.`,
        t.line,
      );
    if (sum !== 0n)
      r.add(
        'balance',
        `Transaction ${doc} does not balance: ${reckon ? 'AMOUNTs and TAXAMOUNTs' : 'AMOUNTs'} sum to ${sum} cents, not zero.`,
        t.line,
      );
  }
  return r.out;
}

export const checkQuickbooksDesktopIif: Checker = (files) => files.flatMap((f) => checkIif(f, false));
export const checkReckonAccountsIif: Checker = (files) => files.flatMap((f) => checkIif(f, true));
