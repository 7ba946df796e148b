// Holds the sandbox's data and turns it into plain JSON for the demo's state file (bigint cents are
// written as {"$cents":"123"} and read back exactly).
import { randomUUID } from 'node:crypto';
import type { StateFile } from '../common/persistence.ts';
import { ApiError, notFound } from './errors.ts';
import type { CompanyFileRecord, MyobData } from './types.ts';

export const SNAPSHOT_VERSION = 1;

export interface MyobSnapshot {
  version: number;
  data: unknown;
}

function toPlain(value: unknown): unknown {
  if (typeof value === 'bigint') return { $cents: value.toString() };
  if (Array.isArray(value)) return value.map(toPlain);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
  }
  return value;
}

function fromPlain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromPlain);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0]![0] === '$cents') return BigInt(entries[0]![1] as string);
    return Object.fromEntries(entries.map(([k, v]) => [k, fromPlain(v)]));
  }
  return value;
}

export class MyobState {
  constructor(
    public data: MyobData,
    private readonly store?: StateFile<MyobSnapshot>,
  ) {}

  static load(store: StateFile<MyobSnapshot> | undefined, fresh: () => MyobData): MyobState {
    const saved = store?.load();
    if (saved?.version === SNAPSHOT_VERSION) return new MyobState(fromPlain(saved.data) as MyobData, store);
    return new MyobState(fresh(), store);
  }

  snapshot(): MyobSnapshot {
    return { version: SNAPSHOT_VERSION, data: toPlain(this.data) };
  }

  /** Called after every change; the sandbox flushes it before a request's response (persistence.ts). */
  changed(): void {
    if (!this.store) return;
    // The conversion runs when the debounced write serialises it, not on every change.
    const data = () => this.data;
    this.store.save({
      version: SNAPSHOT_VERSION,
      get data() {
        return toPlain(data());
      },
    });
  }

  flush(): void {
    this.store?.flush();
  }

  uid(): string {
    return randomUUID();
  }

  /** MYOB RowVersions are signed 64-bit numbers as strings; each write gets a new one. */
  rowVersion(): string {
    this.data.seq++;
    return String(-8_628_074_829_794_967_552n + BigInt(this.data.seq) * 104_729n);
  }

  findFile(id: string): CompanyFileRecord | undefined {
    const lower = id.toLowerCase();
    return this.data.files.find((f) => f.id === lower);
  }

  file(id: string): CompanyFileRecord {
    const file = this.findFile(id);
    if (!file) throw new ApiError(404, [notFound(`Company file ${id}`)]);
    return file;
  }
}
