// TLS for the server: the configured PEM material loaded and checked, and Rocket's cipher names in OpenSSL's terms.
import { createPrivateKey, type KeyObject, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import type { SecureServerOptions } from "node:http2";
import { createSecureContext } from "node:tls";
import type { CipherSuite, PemSource, TlsConfig } from "../config/config.ts";

/**
 * Rocket's cipher suite names (rustls', IANA's) as OpenSSL names them. TLS 1.3 suites keep their names; the
 * ECDHE suites of TLS 1.2 take OpenSSL's short names. The order of `tls.ciphers` is kept.
 */
export const OPENSSL_CIPHERS: Readonly<Record<CipherSuite, string>> = {
  TLS_CHACHA20_POLY1305_SHA256: "TLS_CHACHA20_POLY1305_SHA256",
  TLS_AES_256_GCM_SHA384: "TLS_AES_256_GCM_SHA384",
  TLS_AES_128_GCM_SHA256: "TLS_AES_128_GCM_SHA256",
  TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256: "ECDHE-ECDSA-CHACHA20-POLY1305",
  TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256: "ECDHE-RSA-CHACHA20-POLY1305",
  TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384: "ECDHE-ECDSA-AES256-GCM-SHA384",
  TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384: "ECDHE-RSA-AES256-GCM-SHA384",
  TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256: "ECDHE-ECDSA-AES128-GCM-SHA256",
  TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256: "ECDHE-RSA-AES128-GCM-SHA256",
};

/** The secure server's options built from `tls`, or every problem found with its material. */
export type TlsSetup =
  | { readonly ok: true; readonly options: SecureServerOptions }
  | { readonly ok: false; readonly problems: readonly string[] };

const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/**
 * Loads and checks the TLS material (at launch, before binding: the local client never uses it), and builds the
 * options of an HTTP/2 secure server that also speaks HTTP/1.1 (ALPN `h2`, `http/1.1`).
 *
 * - `certs` must hold at least one PEM certificate, `key` a PEM private key (PKCS#8, PKCS#1 or SEC1) matching
 *   the first certificate; `mutual.ca_certs` at least one certificate. Every problem is reported, not only the
 *   first.
 * - Only TLS 1.2 and 1.3 are offered, with exactly the configured suites (a list of only TLS 1.3 suites serves
 *   only TLS 1.3, and the other way round); `prefer_server_cipher_order` is OpenSSL's `honorCipherOrder`.
 * - Mutual TLS asks every client for a certificate chaining to `ca_certs`; `mandatory` refuses the handshake
 *   without one. Verification of a certificate that *is* presented happens per connection (see `server.ts`).
 */
export function loadTls(tls: TlsConfig): TlsSetup {
  const problems: string[] = [];
  const certs = readCertificates("tls.certs", tls.certs, problems);
  const key = readKey("tls.key", tls.key, problems);
  if (certs !== undefined && key !== undefined && !certs.parsed[0]!.checkPrivateKey(key.object)) {
    problems.push(
      `tls.key (${describe(tls.key)}): the private key does not match the first certificate of tls.certs`,
    );
  }
  const ca =
    tls.mutual === null ? undefined : readCertificates("tls.mutual.ca_certs", tls.mutual.ca_certs, problems);
  if (problems.length > 0 || certs === undefined || key === undefined) return { ok: false, problems };
  // OpenSSL keeps its default TLS 1.3 suites when none is listed: the versions are bounded explicitly instead.
  const tls13 = tls.ciphers.some((c) => c.startsWith("TLS_") && !c.startsWith("TLS_ECDHE_"));
  const tls12 = tls.ciphers.some((c) => c.startsWith("TLS_ECDHE_"));
  const options: SecureServerOptions = {
    cert: certs.pem,
    key: key.pem,
    ciphers: tls.ciphers.map((c) => OPENSSL_CIPHERS[c]).join(":"),
    honorCipherOrder: tls.prefer_server_cipher_order,
    minVersion: tls12 ? "TLSv1.2" : "TLSv1.3",
    maxVersion: tls13 ? "TLSv1.3" : "TLSv1.2",
    allowHTTP1: true,
  };
  if (tls.mutual !== null && ca !== undefined) {
    options.requestCert = true;
    options.ca = ca.pem;
    options.rejectUnauthorized = tls.mutual.mandatory;
  }
  try {
    createSecureContext(options);
  } catch (e) {
    return { ok: false, problems: [`tls: OpenSSL refused the configuration: ${(e as Error).message}`] };
  }
  return { ok: true, options };
}

function describe(source: PemSource): string {
  return "path" in source ? source.path : "inline PEM";
}

function readPem(key: string, source: PemSource, problems: string[]): string | undefined {
  if ("pem" in source) return source.pem;
  try {
    return readFileSync(source.path, "latin1");
  } catch (e) {
    problems.push(`${key} (${source.path}): cannot be read: ${(e as NodeJS.ErrnoException).code ?? e}`);
    return undefined;
  }
}

function readCertificates(
  key: string,
  source: PemSource,
  problems: string[],
): { pem: string; parsed: X509Certificate[] } | undefined {
  const pem = readPem(key, source, problems);
  if (pem === undefined) return undefined;
  const blocks = pem.match(CERTIFICATE_BLOCK) ?? [];
  if (blocks.length === 0) {
    problems.push(`${key} (${describe(source)}): no PEM certificate (-----BEGIN CERTIFICATE-----) found`);
    return undefined;
  }
  const parsed: X509Certificate[] = [];
  blocks.forEach((block, i) => {
    try {
      parsed.push(new X509Certificate(block));
    } catch (e) {
      problems.push(
        `${key} (${describe(source)}): certificate ${i + 1} is not valid X.509: ${(e as Error).message}`,
      );
    }
  });
  return parsed.length === blocks.length ? { pem, parsed } : undefined;
}

function readKey(
  key: string,
  source: PemSource,
  problems: string[],
): { pem: string; object: KeyObject } | undefined {
  const pem = readPem(key, source, problems);
  if (pem === undefined) return undefined;
  try {
    return { pem, object: createPrivateKey({ key: pem, format: "pem" }) };
  } catch (e) {
    problems.push(
      `${key} (${describe(source)}): no usable PEM private key (PKCS#8, PKCS#1 or SEC1): ${(e as Error).message}`,
    );
    return undefined;
  }
}
