// The reference objects MYOB embeds in records ({ UID, Name, DisplayID, URI } etc., myob.md §3.2-3.6).
import type { AccountRecord, CompanyFileRecord, CustomerRecord, JobRecord, TaxCodeRecord } from '../types.ts';

export function customerName(c: CustomerRecord): string {
  return c.isIndividual ? [c.firstName, c.lastName].filter(Boolean).join(' ') : c.companyName;
}

export interface Refs {
  account(uid: string | null): { UID: string; Name: string; DisplayID: string; URI: string } | null;
  taxCode(uid: string | null): { UID: string; Code: string; URI: string } | null;
  job(uid: string | null): { UID: string; Number: string; Name: string; URI: string } | null;
  customer(uid: string | null): { UID: string; Name: string; DisplayID: string; URI: string } | null;
}

export function refs(file: CompanyFileRecord, fileBase: string): Refs {
  // Indexed on first use: a page of 1,000 accounts looks up parents and tax codes 2,000 times.
  const indexes = new Map<unknown[], Map<string, unknown>>();
  const find = <T extends { uid: string }>(items: T[], uid: string | null): T | undefined => {
    if (!uid) return undefined;
    let index = indexes.get(items);
    if (!index) {
      index = new Map(items.map((i) => [i.uid, i]));
      indexes.set(items, index);
    }
    return index.get(uid) as T | undefined;
  };
  return {
    account(uid) {
      const a: AccountRecord | undefined = find(file.accounts, uid);
      return a
        ? {
            UID: a.uid,
            Name: a.name,
            DisplayID: a.displayId,
            URI: `${fileBase}/GeneralLedger/Account/${a.uid}`,
          }
        : null;
    },
    taxCode(uid) {
      const t: TaxCodeRecord | undefined = find(file.taxCodes, uid);
      return t ? { UID: t.uid, Code: t.code, URI: `${fileBase}/GeneralLedger/TaxCode/${t.uid}` } : null;
    },
    job(uid) {
      const j: JobRecord | undefined = find(file.jobs, uid);
      return j
        ? { UID: j.uid, Number: j.number, Name: j.name, URI: `${fileBase}/GeneralLedger/Job/${j.uid}` }
        : null;
    },
    customer(uid) {
      const c: CustomerRecord | undefined = find(file.customers, uid);
      return c
        ? {
            UID: c.uid,
            Name: customerName(c),
            DisplayID: c.displayId,
            URI: `${fileBase}/Contact/Customer/${c.uid}`,
          }
        : null;
    },
  };
}
