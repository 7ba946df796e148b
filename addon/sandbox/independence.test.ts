// The sandboxes are independent witnesses of the platforms: nothing under addon/sandbox may import the add-on
// (domain, link, connectors, contract, db, routes, ...). Every import that leaves this folder fails here, so
// a sandbox can never agree with the add-on by sharing its code.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SANDBOX_ROOT = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = resolve(SANDBOX_ROOT, '..', '..');

// import … from '…'; export … from '…'; import '…'; import('…'); require('…')
const SPECIFIERS = [
  /\bimport\s+(?:type\s+)?[\s\S]*?\bfrom\s*['"]([^'"]+)['"]/g,
  /\bexport\s+(?:type\s+)?(?:\*|\{[\s\S]*?\})(?:\s+as\s+\w+)?\s*from\s*['"]([^'"]+)['"]/g,
  /\bimport\s*['"]([^'"]+)['"]/g,
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
];

/** The specifiers in `source` that reach outside addon/sandbox (relative, absolute or repo-rooted). */
function forbiddenImports(file: string, source: string): string[] {
  const found = new Set<string>();
  for (const pattern of SPECIFIERS) {
    for (const m of source.matchAll(pattern)) found.add(m[1]!);
  }
  return [...found].filter((spec) => {
    if (spec.startsWith('.') || spec.startsWith('/')) {
      const target = resolve(dirname(file), spec);
      return target !== SANDBOX_ROOT && !target.startsWith(SANDBOX_ROOT + sep);
    }
    // Bare specifiers are packages, except paths into the repository written without a leading dot.
    const first = spec.split('/')[0]!;
    return ['addon', 'db', 'web', 'tests', 'bench', 'manifests'].includes(first);
  });
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(entry.name) ? [path] : [];
  });
}

describe('sandbox independence', () => {
  it('no file under addon/sandbox imports the add-on', () => {
    const files = sourceFiles(SANDBOX_ROOT);
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.flatMap((file) =>
      forbiddenImports(file, readFileSync(file, 'utf8')).map(
        (spec) => `${relative(REPO_ROOT, file)}: ${spec}`,
      ),
    );
    expect(offenders).toEqual([]);
  });

  it('the scan catches an import of the add-on, in every form', () => {
    const file = join(SANDBOX_ROOT, 'xero', 'validation.ts');
    // Quoted through `q` so this file's own text holds no import for the scan above to find.
    const q = "'";
    const source = [
      `import { computeLine } from ${q}../../domain/money.ts${q};`,
      `import type { Link } from ${q}../../link/types.ts${q};`,
      `export { x } from ${q}../../connectors/xero/mappers.ts${q};`,
      `const db = await import(${q}../../../db/schema.ts${q});`,
      `import ${q}../../contract/invoices.ts${q};`,
      `import { ok } from ${q}./tax.ts${q};`,
      `import { json } from ${q}../common/http.ts${q};`,
      `import { setupServer } from ${q}msw/node${q};`,
    ].join('\n');
    expect(forbiddenImports(file, source)).toEqual([
      '../../domain/money.ts',
      '../../link/types.ts',
      '../../connectors/xero/mappers.ts',
      '../../contract/invoices.ts',
      '../../../db/schema.ts',
    ]);
  });
});
