/**
 * A throw-away self-signed certificate for 127.0.0.1, made at run time (never committed). Runners trust it
 * through NODE_EXTRA_CA_CERTS, so every client verifies TLS exactly as it would against the real API.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Certificate {
  certFile: string;
  keyFile: string;
  /** What kind of key it has, for the results. */
  kind: string;
}

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export async function makeCertificate(dir: string): Promise<Certificate> {
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  if (hasOpenssl()) {
    // ECDSA P-256: what TLS front ends usually negotiate with a modern client. Its handshake is the cheap
    // kind, so clients that handshake per request are, if anything, flattered (and a run stays short).
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1']
        .concat(['-subj', '/CN=127.0.0.1'])
        .concat([
          '-addext',
          'subjectAltName=IP:127.0.0.1,DNS:localhost',
          '-keyout',
          keyFile,
          '-out',
          certFile,
        ]),
      { stdio: 'ignore' },
    );
    return { certFile, keyFile, kind: 'ECDSA P-256' };
  }
  // Without openssl, the `selfsigned` package (install it in bench/ with npm) makes an RSA 2048 one.
  const name = 'selfsigned';
  const selfsigned = (await import(name).catch(() => {
    throw new Error('openssl is not on PATH: install it, or run `npm --prefix bench install selfsigned`');
  })) as { generate(attrs: object[], options: object): { cert: string; private: string } };
  const pems = selfsigned.generate([{ name: 'commonName', value: '127.0.0.1' }], {
    days: 1,
    keySize: 2048,
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  writeFileSync(certFile, pems.cert);
  writeFileSync(keyFile, pems.private);
  return { certFile, keyFile, kind: 'RSA 2048' };
}
