// Golden files: every template renders the same fixture invoices, compared byte for byte with the committed
// expectation under golden/<template id>/. Regenerate with UPDATE_GOLDEN=1 and review the diff by eye against
// /work/shared/reference/import-formats.md before committing.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fileTemplates } from './index.ts';
import { fixtureInvoices, PROFILES, SETTINGS } from './test-support/fixtures.ts';
import { renderAll } from './test-support/render-all.ts';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

describe.each(Object.entries(fileTemplates))('golden file: %s', (id, template) => {
  const profile = PROFILES[id]!;
  const invoices = fixtureInvoices(profile, template.format.currency === 'column');
  const opts = { baseCurrency: profile.home, settings: SETTINGS[id] };

  it('the fixture passes validation (warnings only)', () => {
    const errors = template.validate(invoices, opts).filter((p) => p.severity === 'error');
    expect(errors).toEqual([]);
  });

  it('renders exactly the committed bytes', async () => {
    const files = await renderAll(template, invoices, opts);
    const dir = join(GOLDEN, id);
    if (UPDATE) {
      mkdirSync(dir, { recursive: true });
      for (const f of files) writeFileSync(join(dir, f.fileName), f.bytes);
    }
    expect(files.map((f) => f.fileName).sort()).toEqual(readdirSync(dir).sort());
    for (const f of files) {
      const expected = readFileSync(join(dir, f.fileName));
      // Compare as hex-escaped text so a failure shows where the bytes differ.
      expect(f.bytes.toString('latin1')).toBe(expected.toString('latin1'));
    }
  });
});

it('golden folders exist only for registered templates', () => {
  if (!existsSync(GOLDEN)) return expect.fail('golden/ is missing: run with UPDATE_GOLDEN=1 once');
  expect(
    readdirSync(GOLDEN)
      .filter((n) => !n.startsWith('.'))
      .sort(),
  ).toEqual(Object.keys(fileTemplates).sort());
});
