// `tsx bench/compare.ts A.json B.json`: every metric both runs measured, B/A and whether B is better.
import { formatComparison, readReport } from './results';

const [a, b] = process.argv.slice(2);
if (!a || !b) {
  console.error('Usage: tsx bench/compare.ts A.json B.json   (reports written by npm run bench to bench/results/)');
  process.exit(2);
}
try {
  console.log(formatComparison(readReport(a), readReport(b), a, b));
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
