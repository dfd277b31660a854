// A throwaway self-signed certificate for 127.0.0.1, made with openssl (an apt package CI installs).
import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** Writes key.pem and cert.pem into `dir`; with `ipSan`, the certificate names 127.0.0.1 as an IP too. */
export function selfSignedCert(dir: string, { ipSan = false } = {}): { key: string; cert: string } {
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      ...(ipSan ? ['-addext', 'subjectAltName=IP:127.0.0.1'] : []),
    ],
    { stdio: 'ignore' },
  );
  return { key, cert };
}
