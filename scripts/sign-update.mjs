// Signs the Linux installers in release/ for auto-update: each <installer>.sig (base64 of an
// Ed25519 signature of the whole file) is published beside its installer, and the app checks it
// against the public key it ships (resources/linux/update-signing-key.pem) before installing an
// update (main/electron/updates.ts). electron-updater checks no signature on Linux by itself.
//
//   node scripts/sign-update.mjs keygen FILE   once: a new key pair; the private key goes to FILE
//                                              (owner-only; keep it off the build machine's disk
//                                              between releases), the public half to
//                                              resources/linux/update-signing-key.pem (commit it)
//   TILL_AGENT_UPDATE_SIGNING_KEY=FILE node scripts/sign-update.mjs [DIR]
//                                              signs DIR's (default release/) .deb, .AppImage and
//                                              .rpm files, and checks each against the shipped key
//
// Exit codes: 0 signed, 1 nothing to sign or a signature the shipped key does not verify, 2 usage.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PUBLIC_KEY_FILE = path.join(repoRoot, 'resources', 'linux', 'update-signing-key.pem');
export const SIGNING_KEY_ENV = 'TILL_AGENT_UPDATE_SIGNING_KEY';
const INSTALLER = /\.(deb|AppImage|rpm)$/;

/** Writes a new Ed25519 key pair: the private key (mode 0600) and the public half. */
export function generateKeys(privateFile, publicFile = PUBLIC_KEY_FILE) {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  fs.writeFileSync(privateFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
    mode: 0o600,
    flag: 'wx',
  });
  fs.writeFileSync(publicFile, publicKey.export({ type: 'spki', format: 'pem' }));
}

/** Signs each installer in `dir`; returns the .sig files written. Throws if the public key disagrees. */
export function signRelease(dir, privateKeyPem, publicKeyPem) {
  const privateKey = crypto.createPrivateKey(privateKeyPem);
  const publicKey = crypto.createPublicKey(publicKeyPem);
  const written = [];
  for (const name of fs
    .readdirSync(dir)
    .filter((n) => INSTALLER.test(n))
    .sort()) {
    const file = path.join(dir, name);
    const data = fs.readFileSync(file);
    const signature = crypto.sign(null, data, privateKey);
    if (!crypto.verify(null, data, publicKey, signature))
      throw new Error(
        `${name}: the app ships another public key (${path.relative(repoRoot, PUBLIC_KEY_FILE)}): tills would refuse this update`,
      );
    fs.writeFileSync(`${file}.sig`, `${signature.toString('base64')}\n`);
    written.push(`${file}.sig`);
  }
  return written;
}

function main(argv) {
  if (argv[0] === 'keygen') {
    if (!argv[1]) return usage();
    generateKeys(argv[1]);
    console.log(
      `private key: ${argv[1]} (keep it safe)\npublic key: ${PUBLIC_KEY_FILE} (commit it; it ships in the app)`,
    );
    return 0;
  }
  const keyFile = process.env[SIGNING_KEY_ENV];
  if (!keyFile || argv.length > 1) return usage();
  const dir = argv[0] ?? path.join(repoRoot, 'release');
  try {
    const written = signRelease(dir, fs.readFileSync(keyFile), fs.readFileSync(PUBLIC_KEY_FILE));
    if (written.length === 0) {
      console.error(`No .deb, .AppImage or .rpm in ${dir} to sign.`);
      return 1;
    }
    for (const file of written) console.log(`signed: ${file}`);
    return 0;
  } catch (e) {
    console.error(`Not signed: ${e.message}`);
    return 1;
  }
}

function usage() {
  console.error(
    `usage: node scripts/sign-update.mjs keygen PRIVATE_KEY_FILE\n       ${SIGNING_KEY_ENV}=PRIVATE_KEY_FILE node scripts/sign-update.mjs [DIR]`,
  );
  return 2;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
