// `npm run validate:manifests`: validates the marketplace listings against their schema and the code.
// Exits 1 with one line per problem (e.g. a scope the code requests that a listing lacks).
// Usage: tsx manifests/validate.ts [folder]   (default: this folder)
import { fileURLToPath } from 'node:url';
import { checkListings, LISTING_FILES, loadListings } from './check.ts';

const folder = process.argv[2] ?? fileURLToPath(new URL('.', import.meta.url));
let problems: string[];
try {
  problems = checkListings(loadListings(folder));
} catch (err) {
  problems = [`Could not read the listings in ${folder}: ${(err as Error).message}`];
}
if (problems.length > 0) {
  console.error(`Marketplace listings do not match the code (${problems.length} problem(s)):`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}
process.stdout.write(`Marketplace listings match the code: ${Object.values(LISTING_FILES).join(', ')}\n`);
