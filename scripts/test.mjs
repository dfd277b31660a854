// `npm test`: every suite (vitest: unit and integration; Playwright: the screens in Chromium),
// one after the other, then one line `N passed, N failed` summed over all of them.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function run(name, command, args, reportFile, count) {
  fs.rmSync(reportFile, { force: true });
  console.log(`\n=== ${name} ===`);
  const r = spawnSync(command, args, { stdio: 'inherit', cwd: root, env: process.env });
  let counts = { passed: 0, failed: 0, skipped: 0 };
  try {
    counts = count(JSON.parse(fs.readFileSync(reportFile, 'utf8')));
  } catch {
    // No report: the runner itself failed before running tests. Count that as a failure.
    counts.failed = 1;
    console.log(`${name}: no report was written (exit ${r.status}); counted as 1 failure.`);
  }
  if (r.status !== 0 && counts.failed === 0) counts.failed = 1;
  console.log(`${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  return counts;
}

const vitestReport = path.join(results, 'vitest.json');
const suites = [
  run(
    'vitest (unit + integration)',
    bin('vitest'),
    ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`],
    vitestReport,
    (j) => ({
      passed: j.numPassedTests ?? 0,
      failed: (j.numFailedTests ?? 0) + (j.numRuntimeErrorTestSuites ?? 0),
      skipped: (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0),
    }),
  ),
  run('playwright (Chromium)', bin('playwright'), ['test'], path.join(results, 'playwright.json'), (j) => ({
    passed: j.stats?.expected ?? 0,
    failed: (j.stats?.unexpected ?? 0) + (j.stats?.flaky ?? 0) + (j.errors?.length ?? 0),
    skipped: j.stats?.skipped ?? 0,
  })),
];

const total = suites.reduce(
  (a, s) => ({ passed: a.passed + s.passed, failed: a.failed + s.failed, skipped: a.skipped + s.skipped }),
  { passed: 0, failed: 0, skipped: 0 },
);
if (total.skipped) console.log(`(${total.skipped} skipped, each with its reason above)`);
console.log(`${total.passed} passed, ${total.failed} failed`);
process.exitCode = total.failed === 0 ? 0 : 1;
