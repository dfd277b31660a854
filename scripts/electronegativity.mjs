// Electronegativity (@doyensec/electronegativity) over the Electron host's sources: every HIGH
// finding must be explained in electronegativity-exceptions.json ({ check, file, reason }), and
// every file must have been read (a file the tool could not parse is a check not made). Lower
// findings are printed; explained ones are marked. Offline: the check that downloads Electron's
// release list is left out, and the Electron version is taken from node_modules.
//
//   node scripts/electronegativity.mjs              main/electron and preload (TypeScript sources)
//   node scripts/electronegativity.mjs --dist       also the built bundles in dist/ (see BUNDLES)
//   node scripts/electronegativity.mjs --input DIR  that folder instead (the script's own tests)
//
// The JSON of every finding goes to test-results/electronegativity.json. Exit codes: 0 nothing
// unexplained, 1 an unexplained HIGH finding or an unread file, 2 the tool or the exceptions file
// is missing or broken. ELECTRONEGATIVITY_MODULE may point at the package folder to try a copy
// that is not installed here.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const EXCEPTIONS_FILE = path.join(repoRoot, 'electronegativity-exceptions.json');
const require = createRequire(import.meta.url);

/** Source folders scanned, relative to the repo; the tool reads .ts with Babel's TypeScript parser. */
export const SOURCES = ['main/electron', 'preload'];
/** The bundles: copied as .js, since the tool skips .mjs and .cjs. */
const BUNDLES = ['dist/main/electron.mjs', 'dist/preload/preload.cjs'];
/** Needs the network (Electron's release list from GitHub): not run here. */
const OFFLINE_EXCLUDED = ['availablesecurityfixesglobalcheck'];

/**
 * @typedef {{ check: string, file: string, reason: string }} Exception
 * @typedef {{ id: string, file: string, line: number, column: number, severity: string, confidence: string, description: string, manualReview: boolean, url?: string }} Finding
 */

/** The tool's issue objects as plain findings (file relative to the scanned root, `/`-separated). */
export function toFindings(issues) {
  return issues.map((i) => ({
    id: String(i.id),
    file: String(i.file ?? 'N/A')
      .split(path.sep)
      .join('/'),
    line: Number(i.location?.line ?? 0),
    column: Number(i.location?.column ?? 0),
    severity: String(i.severity?.name ?? i.severity ?? 'UNKNOWN').toUpperCase(),
    confidence: String(i.confidence?.name ?? i.confidence ?? 'UNKNOWN').toUpperCase(),
    description: String(i.description ?? ''),
    manualReview: Boolean(i.manualReview),
    ...(i.shortenedURL ? { url: String(i.shortenedURL) } : {}),
  }));
}

/** Reads the exceptions file's content: every entry names a check, a file (or "*") and a reason. */
export function parseExceptions(text) {
  let list;
  try {
    list = JSON.parse(text);
  } catch (e) {
    return { exceptions: [], problems: [`is not valid JSON (${e.message})`] };
  }
  if (!Array.isArray(list)) return { exceptions: [], problems: ['must be a JSON array of exceptions'] };
  const problems = [];
  const exceptions = [];
  list.forEach((entry, i) => {
    const missing = ['check', 'file', 'reason'].filter(
      (k) => typeof entry?.[k] !== 'string' || !entry[k].trim(),
    );
    if (missing.length) problems.push(`entry ${i + 1}: needs ${missing.join(', ')}`);
    else exceptions.push(entry);
  });
  return { exceptions, problems };
}

const explains = (e, f) =>
  e.check.toUpperCase() === f.id.toUpperCase() && (e.file === '*' || e.file === f.file);

/**
 * The verdict, pure: `unexplained` are HIGH findings no exception covers, `unread` the files the
 * tool could not parse (both fail); `explained` pairs findings of any severity with their
 * exception; `unused` exceptions match nothing.
 * @param {Finding[]} findings
 * @param {Array<{ file: string, message: string, tolerable?: boolean }>} errors
 * @param {Exception[]} exceptions
 */
export function evaluateFindings(findings, errors, exceptions) {
  const explained = [];
  const unexplained = [];
  const other = [];
  const used = new Set();
  for (const f of findings) {
    const e = exceptions.find((x) => explains(x, f));
    if (e) {
      used.add(e);
      explained.push({ finding: f, exception: e });
    } else if (f.severity === 'HIGH') unexplained.push(f);
    else other.push(f);
  }
  const unread = errors.filter((e) => !e.tolerable);
  return {
    ok: unexplained.length === 0 && unread.length === 0,
    unexplained,
    unread,
    explained,
    other,
    unused: exceptions.filter((e) => !used.has(e)),
  };
}

const where = (f) => (f.file === 'N/A' ? '(whole app)' : `${f.file}:${f.line}:${f.column}`);
const row = (f) =>
  `${f.severity.padEnd(13)} ${f.confidence.padEnd(9)} ${f.id}  ${where(f)}  ${f.description}`;

export function formatVerdict(v) {
  const out = [];
  if (v.unexplained.length) {
    out.push(`electronegativity: ${v.unexplained.length} HIGH finding(s) nobody has explained:`);
    for (const f of v.unexplained) out.push(`  ${row(f)}${f.url ? `  ${f.url}` : ''}`);
    out.push(
      'Fix them, or explain each in electronegativity-exceptions.json ({ "check", "file", "reason" }).',
    );
  }
  if (v.unread.length) {
    out.push(`electronegativity: ${v.unread.length} file(s) could not be read, so were not checked:`);
    for (const e of v.unread) out.push(`  ${e.file}: ${e.message}`);
  }
  if (v.ok) out.push('electronegativity: no unexplained HIGH finding; every file read.');
  for (const f of v.other) out.push(`  ${row(f)}`);
  for (const { finding, exception } of v.explained)
    out.push(`  explained: ${row(finding)}\n             ${exception.reason}`);
  for (const e of v.unused)
    out.push(`  note: the exception for ${e.check} in ${e.file} matches nothing now: remove it.`);
  return out.join('\n');
}

function loadTool() {
  const from = process.env.ELECTRONEGATIVITY_MODULE;
  try {
    return require(from ? path.resolve(from) : '@doyensec/electronegativity');
  } catch (e) {
    if (e.code !== 'MODULE_NOT_FOUND') throw e;
    return undefined;
  }
}

function electronVersion() {
  try {
    return JSON.parse(
      fs.readFileSync(path.join(repoRoot, 'node_modules', 'electron', 'package.json'), 'utf8'),
    ).version;
  } catch {
    return undefined;
  }
}

/**
 * Copies what is scanned into a folder of its own, each item under its repo-relative path (an
 * --input folder under its own name), so findings name files as the repo does.
 */
function stage(scanned) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-agent-electronegativity-'));
  for (const item of scanned) {
    const from = path.resolve(repoRoot, item);
    if (!BUNDLES.includes(item)) {
      const as = SOURCES.includes(item) ? item : path.basename(from);
      fs.cpSync(from, path.join(dir, as), { recursive: true });
      continue;
    }
    if (!fs.existsSync(from)) throw new Error(`${item} is not built: run npm run build:electron first`);
    const to = path.join(dir, item.replace(/\.[cm]js$/, '.js'));
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(from, to);
  }
  return dir;
}

async function main(argv) {
  const run = loadTool();
  if (!run) {
    console.log(
      'electronegativity is not installed: add the devDependency @doyensec/electronegativity (or set ELECTRONEGATIVITY_MODULE).',
    );
    return 2;
  }
  const { exceptions, problems } = fs.existsSync(EXCEPTIONS_FILE)
    ? parseExceptions(fs.readFileSync(EXCEPTIONS_FILE, 'utf8'))
    : { exceptions: [], problems: [] };
  if (problems.length) {
    console.log(
      `electronegativity-exceptions.json cannot be used:\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
    return 2;
  }
  const at = argv.indexOf('--input');
  const scanned =
    at !== -1
      ? [path.resolve(argv[at + 1] ?? '.')]
      : [...SOURCES, ...(argv.includes('--dist') ? BUNDLES : [])];
  const input = stage(scanned);
  try {
    const result = await run(
      {
        input,
        output: undefined,
        isSarif: false,
        customScan: [],
        excludeFromScan: OFFLINE_EXCLUDED,
        severitySet: undefined,
        confidenceSet: undefined,
        isRelative: true,
        isVerbose: false,
        electronUpgrade: undefined,
        electronVersionOverride: electronVersion(),
        parserPlugins: [],
      },
      false,
    );
    const findings = toFindings(result.issues);
    const errors = result.errors.map((e) => ({
      ...e,
      file: path.relative(input, e.file).split(path.sep).join('/'),
    }));
    fs.mkdirSync(path.join(repoRoot, 'test-results'), { recursive: true });
    fs.writeFileSync(
      path.join(repoRoot, 'test-results', 'electronegativity.json'),
      `${JSON.stringify({ scanned, findings, errors }, null, 2)}\n`,
    );
    const verdict = evaluateFindings(findings, errors, exceptions);
    console.log(formatVerdict(verdict));
    return verdict.ok ? 0 : 1;
  } finally {
    fs.rmSync(input, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e) => {
      console.log(`electronegativity could not run: ${e.stack ?? e}`);
      process.exitCode = 2;
    },
  );
}
