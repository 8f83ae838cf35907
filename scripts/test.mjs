// `npm test`: install if needed, typecheck, lint, then the test suites; ends with one line
// "N passed, N failed, N skipped" (also written to .test-results/summary.txt for CI).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureInstalled } from './ensure-install.mjs';

process.chdir(fileURLToPath(new URL('..', import.meta.url)));
ensureInstalled();
mkdirSync('.test-results', { recursive: true });

const infra = ['DATABASE_URL', 'RABBITMQ_URL', 'REDIS_URL'];
const missing = infra.filter((v) => !process.env[v]);
if (missing.length) {
  console.log(`Note: ${missing.join(', ')} not set: tests that need them are skipped (see README, "Tests").`);
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const started = Date.now();

/** Runs the checks side by side (each uses one core); prints each one's output when it ends. */
async function checks(list) {
  const results = await Promise.all(
    list.map(
      ([name, args]) =>
        new Promise((resolve) => {
          const t0 = Date.now();
          const child = spawn(process.execPath, args, { env: process.env });
          let output = '';
          child.stdout.on('data', (d) => (output += d));
          child.stderr.on('data', (d) => (output += d));
          child.on('close', (code) => {
            console.log(`\n=== ${name} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
            if (output) process.stdout.write(output);
            if (code !== 0) console.log(`=== ${name} FAILED`);
            resolve(code === 0);
          });
        }),
    ),
  );
  for (const ok of results) totals[ok ? 'passed' : 'failed']++;
}

function vitest(name, args, report) {
  console.log(`\n=== ${name}`);
  const r = spawnSync(
    process.execPath,
    [
      'node_modules/vitest/vitest.mjs',
      'run',
      ...args,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
    ],
    {
      stdio: 'inherit',
      env: process.env,
    },
  );
  if (!existsSync(report)) {
    totals.failed++;
    console.log(`=== ${name}: no report (exit ${r.status})`);
    return;
  }
  const json = JSON.parse(readFileSync(report, 'utf8'));
  totals.passed += json.numPassedTests;
  totals.failed += json.numFailedTests;
  totals.skipped += json.numPendingTests + json.numTodoTests;
  // A file that fails to load reports no tests; count it as a failure.
  const brokenFiles = json.testResults.filter(
    (f) => f.status === 'failed' && f.assertionResults.length === 0,
  ).length;
  totals.failed += brokenFiles;
  if (r.status !== 0 && json.numFailedTests === 0 && brokenFiles === 0) totals.failed++;
}

const only = process.argv.slice(2);
if (only.length > 0) {
  // A path or filter may name tests of either suite.
  vitest('selected tests', [...only, '--passWithNoTests'], '.test-results/selected.json');
  vitest(
    'selected system tests',
    ['--config', 'vitest.system.config.ts', ...only, '--passWithNoTests'],
    '.test-results/selected-system.json',
  );
} else {
  await checks([
    ['typecheck', ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json']],
    ['lint', ['node_modules/eslint/bin/eslint.js', '.', '--max-warnings=0']],
  ]);
  vitest('unit, contract and service tests', [], '.test-results/main.json');
  vitest(
    'system and chaos tests',
    ['--config', 'vitest.system.config.ts'],
    '.test-results/system.json',
  );
}

const line = `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`;
writeFileSync('.test-results/summary.txt', line + '\n');
console.log(`\nnpm test took ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(line);
process.exit(totals.failed > 0 ? 1 : 0);
