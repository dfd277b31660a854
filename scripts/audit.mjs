// The supply-chain gate CI runs before the tests: `npm audit --omit=dev` must show no high or
// critical advisory in what ships, unless audit-exceptions.json lists it with a reason and a date
// it must be looked at again by. When the registry's audit endpoint cannot be reached the check is
// reported as skipped (loudly), not passed and not failed: CI keeps working offline.
//
//   node scripts/audit.mjs                   run npm audit and judge it
//   node scripts/audit.mjs --report FILE     judge a saved `npm audit --json` output instead
//
// Exit codes: 0 nothing to fix (or audit unreachable), 1 advisories to fix, 2 the exceptions
// file or npm's answer cannot be read.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const EXCEPTIONS_FILE = path.join(repoRoot, 'audit-exceptions.json');
const BLOCKING = new Set(['high', 'critical']);
/** npm's error codes for "could not talk to the registry". */
const NETWORK_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ESOCKETTIMEDOUT',
  'ERR_SOCKET_TIMEOUT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'ECONNABORTED',
]);

/**
 * @typedef {{ advisory: string, package: string, reason: string, until: string }} AuditException
 * @typedef {{ id: string, url: string, package: string, severity: string, title: string, range: string }} Advisory
 * @typedef {{ kind: 'report', report: any } | { kind: 'unreachable', why: string } | { kind: 'unreadable', why: string }} AuditOutput
 */

/** The GHSA id in an advisory URL (https://github.com/advisories/GHSA-xxxx-xxxx-xxxx), or the URL. */
export function advisoryId(url) {
  const m = /GHSA(-[23456789cfghjmpqrvwx]{4}){3}/i.exec(String(url ?? ''));
  return m ? m[0].toUpperCase() : String(url ?? '');
}

/** What `npm audit --json` printed: a report, an unreachable audit endpoint, or something else. */
export function classifyAuditOutput(stdout) {
  let json;
  try {
    json = JSON.parse(stdout);
  } catch {
    return {
      kind: 'unreadable',
      why: `npm audit printed no JSON: ${String(stdout).trim().slice(0, 200) || '(nothing)'}`,
    };
  }
  if (json && typeof json === 'object' && json.vulnerabilities && typeof json.vulnerabilities === 'object')
    return { kind: 'report', report: json };
  const error = json?.error ?? {};
  const code = typeof error.code === 'string' ? error.code : undefined;
  const summary = String(error.summary || json?.message || '').trim();
  if (typeof json?.statusCode === 'number' || /audit endpoint/i.test(summary))
    return { kind: 'unreachable', why: summary || `the audit endpoint answered ${json.statusCode}` };
  if (code && NETWORK_CODES.has(code)) return { kind: 'unreachable', why: `${code}: ${summary}` };
  return {
    kind: 'unreadable',
    why: `${code ?? 'npm audit failed'}: ${summary || JSON.stringify(json).slice(0, 200)}`,
  };
}

/** Every advisory in a report, once per (advisory, package): the `via` entries that are objects. */
export function advisoriesOf(report) {
  /** @type {Map<string, Advisory>} */
  const found = new Map();
  for (const [name, vuln] of Object.entries(report?.vulnerabilities ?? {})) {
    for (const via of vuln?.via ?? []) {
      if (!via || typeof via !== 'object') continue; // a name: the advisory is listed under that package
      const url = String(via.url ?? via.source ?? '');
      const advisory = {
        id: advisoryId(url),
        url,
        package: String(via.name ?? name),
        severity: String(via.severity ?? vuln.severity ?? 'unknown').toLowerCase(),
        title: String(via.title ?? ''),
        range: String(via.range ?? vuln.range ?? ''),
      };
      found.set(`${advisory.id} ${advisory.package}`, advisory);
    }
  }
  return [...found.values()].sort((a, b) => a.package.localeCompare(b.package) || a.id.localeCompare(b.id));
}

/** Reads the exceptions file's content; every entry needs an advisory, a package, a reason and a date. */
export function parseExceptions(text) {
  /** @type {string[]} */
  const problems = [];
  let list;
  try {
    list = JSON.parse(text);
  } catch (e) {
    return { exceptions: [], problems: [`is not valid JSON (${e.message})`] };
  }
  if (!Array.isArray(list)) return { exceptions: [], problems: ['must be a JSON array of exceptions'] };
  /** @type {AuditException[]} */
  const exceptions = [];
  list.forEach((entry, i) => {
    const where = `entry ${i + 1}`;
    const missing = ['advisory', 'package', 'reason', 'until'].filter(
      (k) => typeof entry?.[k] !== 'string' || entry[k].trim() === '',
    );
    if (missing.length) return problems.push(`${where}: needs ${missing.join(', ')}`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(entry.until) || Number.isNaN(Date.parse(`${entry.until}T00:00:00Z`)))
      return problems.push(`${where}: until must be a date, YYYY-MM-DD (got "${entry.until}")`);
    exceptions.push(entry);
  });
  return { exceptions, problems };
}

const matches = (exception, advisory) =>
  exception.package === advisory.package &&
  (advisoryId(exception.advisory) === advisory.id || exception.advisory === advisory.url);

/**
 * The verdict on a report: `failures` are high or critical advisories with no exception, or
 * whose exception has expired (until is the last day it holds); `excepted` are those covered;
 * `unused` exceptions match nothing any more (a hint to remove them). Pure.
 * @param {any} report
 * @param {AuditException[]} exceptions
 * @param {string} today YYYY-MM-DD
 */
export function evaluateAudit(report, exceptions, today) {
  const blocking = advisoriesOf(report).filter((a) => BLOCKING.has(a.severity));
  const failures = [];
  const excepted = [];
  const used = new Set();
  for (const advisory of blocking) {
    const exception = exceptions.find((e) => matches(e, advisory));
    if (exception) used.add(exception);
    if (!exception) failures.push({ advisory, why: 'no exception' });
    else if (exception.until < today)
      failures.push({ advisory, why: `exception expired on ${exception.until}`, exception });
    else excepted.push({ advisory, exception });
  }
  const unused = exceptions.filter((e) => !used.has(e));
  return { ok: failures.length === 0, failures, excepted, unused, counted: blocking.length };
}

const line = (a) =>
  `${a.severity.toUpperCase().padEnd(8)} ${a.package}${a.range ? ` ${a.range}` : ''}  ${a.id}  ${a.title}${a.url && a.url !== a.id ? `  ${a.url}` : ''}`;

/** The verdict as the lines CI prints. */
export function formatVerdict(verdict) {
  const out = [];
  if (verdict.failures.length) {
    out.push(
      `npm audit: ${verdict.failures.length} high or critical advisor${verdict.failures.length === 1 ? 'y' : 'ies'} in production dependencies to fix:`,
    );
    for (const f of verdict.failures)
      out.push(
        `  ${line(f.advisory)}\n           (${f.why}${f.exception ? `; it said: ${f.exception.reason}` : ''})`,
      );
    out.push(
      'Upgrade the package (npm audit fix, or a newer version of what depends on it), or add it to audit-exceptions.json with a reason and an "until" date.',
    );
  } else {
    out.push(
      `npm audit: no high or critical advisory in production dependencies to fix (${verdict.counted} found, all excepted).`,
    );
  }
  for (const e of verdict.excepted)
    out.push(
      `  excepted until ${e.exception.until}: ${line(e.advisory)}\n           because: ${e.exception.reason}`,
    );
  for (const e of verdict.unused)
    out.push(
      `  note: the exception for ${e.advisory} (${e.package}) matches nothing now: remove it from audit-exceptions.json.`,
    );
  return out.join('\n');
}

function readExceptions(file) {
  if (!fs.existsSync(file)) return { exceptions: [], problems: [] };
  return parseExceptions(fs.readFileSync(file, 'utf8'));
}

function runNpmAudit() {
  const r = spawnSync('npm', ['audit', '--omit=dev', '--json'], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 180_000,
    shell: process.platform === 'win32',
  });
  if (r.error) {
    return r.error.code === 'ETIMEDOUT'
      ? { kind: 'unreachable', why: 'npm audit did not finish in 3 minutes' }
      : { kind: 'unreadable', why: `cannot run npm: ${r.error.message}` };
  }
  return classifyAuditOutput(r.stdout);
}

function main(argv) {
  const at = argv.indexOf('--report');
  const output =
    at === -1
      ? runNpmAudit()
      : classifyAuditOutput(fs.readFileSync(path.resolve(argv[at + 1] ?? ''), 'utf8'));
  const { exceptions, problems } = readExceptions(EXCEPTIONS_FILE);
  if (problems.length) {
    console.log(`audit-exceptions.json cannot be used:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    return 2;
  }
  if (output.kind === 'unreachable') {
    console.log(
      `npm audit: SKIPPED, NOT PASSED: the registry's audit endpoint cannot be reached (${output.why}).\nRun \`node scripts/audit.mjs\` where the npm registry is reachable.`,
    );
    return 0;
  }
  if (output.kind === 'unreadable') {
    console.log(`npm audit: its answer cannot be read: ${output.why}`);
    return 2;
  }
  const verdict = evaluateAudit(output.report, exceptions, new Date().toISOString().slice(0, 10));
  console.log(formatVerdict(verdict));
  return verdict.ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
