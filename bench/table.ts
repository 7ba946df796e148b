// The short stdout table: one line per figure, keyed by its path in latest.json (files.worstRatio).
import type { Figure, Figures } from './types.ts';

function show(value: Figure): string {
  if (value === null) return 'skipped';
  if (Number.isInteger(value)) return value.toLocaleString('en-AU');
  return value.toLocaleString('en-AU', { maximumFractionDigits: value < 10 ? 2 : 1 });
}

export function flatten(results: Record<string, Figures | null>): [string, string][] {
  const rows: [string, string][] = [];
  for (const [name, figures] of Object.entries(results)) {
    if (figures === null) {
      rows.push([name, 'FAILED']);
      continue;
    }
    for (const [key, value] of Object.entries(figures)) {
      // A group (one template, one database) is one line, to keep the table short.
      if (value !== null && typeof value === 'object') {
        const parts = Object.entries(value).map(([inner, v]) => `${inner} ${show(v)}`);
        rows.push([`${name}.${key}`, parts.join('  ')]);
      } else {
        rows.push([`${name}.${key}`, show(value)]);
      }
    }
  }
  return rows;
}

export function formatTable(results: Record<string, Figures | null>): string {
  const rows = flatten(results);
  const width = Math.max(6, ...rows.map(([k]) => k.length));
  const lines = [`${'figure'.padEnd(width)}  value`, `${'-'.repeat(width)}  ${'-'.repeat(12)}`];
  for (const [k, v] of rows) lines.push(`${k.padEnd(width)}  ${v.length > 12 ? v : v.padStart(12)}`);
  return lines.join('\n');
}
