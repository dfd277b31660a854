// electron-builder's beforePack hook (electron-builder.yml): the build stops unless the update
// feed it writes into app-update.yml (TILL_AGENT_UPDATE_URL) is https, and, for Linux, unless the
// public key the app checks its updates with is there to ship (scripts/sign-update.mjs keygen).
// The app refuses the same at run time (main/electron/updates.ts); this says so before a release.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const UPDATE_KEY_SOURCE = path.join(repoRoot, 'resources', 'linux', 'update-signing-key.pem');

/** What stops the build for this platform ('win32', 'linux' …), as sentences. */
export function releaseProblems(env, platform, exists = fs.existsSync) {
  const problems = [];
  const url = env.TILL_AGENT_UPDATE_URL ?? '';
  let protocol;
  try {
    protocol = new URL(url).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'https:')
    problems.push(
      `TILL_AGENT_UPDATE_URL must be an https:// address (it is ${url ? `"${url.split('?')[0]}"` : 'not set'}): tills refuse any other update feed.`,
    );
  if (platform === 'linux' && !exists(UPDATE_KEY_SOURCE))
    problems.push(
      `${path.relative(repoRoot, UPDATE_KEY_SOURCE)} is missing: tills could not check an update's signature. Make the key pair with: node scripts/sign-update.mjs keygen FILE`,
    );
  return problems;
}

export default async function beforePack(context) {
  const problems = releaseProblems(process.env, context.electronPlatformName);
  if (problems.length > 0) throw new Error(problems.join('\n'));
}
