// Rocket's `mtls::Certificate`: the client certificate of a mutual-TLS connection, as a request guard.
import { X509Certificate } from "node:crypto";
import { Status } from "../http/status.ts";
import { error, forward, type Outcome, success } from "./outcome.ts";
import type { Request } from "./request.ts";

const FORWARD_401 = forward(Status.Unauthorized);
const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]*?)-----END CERTIFICATE-----/g;

/** Why a presented client certificate was refused: it did not parse, or it names no one. */
export type CertificateError = "parse" | "no-subject";

/**
 * A distinguished name of a certificate (its subject or issuer), as Rocket's `mtls::Name`: the attributes in
 * certificate order, e.g. `CN=client one, O=Apogee`.
 */
export class CertificateName {
  /** `[attribute, value]` pairs in order, attributes by their short names (`CN`, `O`, `emailAddress`, …). */
  readonly entries: readonly (readonly [string, string])[];

  constructor(entries: readonly (readonly [string, string])[]) {
    this.entries = entries;
  }

  /** Parses Node's one-attribute-per-line form (`CN=a\nO=b`, values escaped with `\` or JSON-quoted). */
  static parse(text: string | undefined): CertificateName {
    if (text === undefined || text === "") return new CertificateName([]);
    const entries: [string, string][] = [];
    for (const line of text.split("\n")) {
      const eq = line.indexOf("=");
      if (eq <= 0) continue;
      const raw = line.slice(eq + 1);
      entries.push([line.slice(0, eq), unescapeValue(raw)]);
    }
    return new CertificateName(entries);
  }

  /** Every value of `attribute` (e.g. `"CN"`), in order. */
  getAll(attribute: string): string[] {
    return this.entries.filter(([a]) => a === attribute).map(([, v]) => v);
  }

  /** The first value of `attribute`, or `undefined`. */
  get(attribute: string): string | undefined {
    return this.entries.find(([a]) => a === attribute)?.[1];
  }

  /** The first common name (`CN`), or `undefined`. */
  get commonName(): string | undefined {
    return this.get("CN");
  }

  /** Every common name, in order. */
  get commonNames(): string[] {
    return this.getAll("CN");
  }

  /** The first e-mail address (`emailAddress`), or `undefined`. */
  get email(): string | undefined {
    return this.get("emailAddress");
  }

  /** Every e-mail address, in order. */
  get emails(): string[] {
    return this.getAll("emailAddress");
  }

  /** Whether the name has no attributes at all. */
  get isEmpty(): boolean {
    return this.entries.length === 0;
  }

  /** `CN=client one, O=Apogee`. */
  toString(): string {
    return this.entries.map(([a, v]) => `${a}=${v}`).join(", ");
  }
}

function unescapeValue(raw: string): string {
  if (raw.startsWith('"')) {
    try {
      return String(JSON.parse(raw));
    } catch {
      return raw;
    }
  }
  return raw.replace(/\\(.)/g, "$1");
}

/**
 * Rocket's `mtls::Certificate`: the end-entity certificate the client presented over mutual TLS (`tls.mutual`),
 * already verified against `tls.mutual.ca_certs` during the handshake. The class is itself a request guard.
 *
 * - No certificate (TLS without `mutual`, `mandatory = false` and a client without one, a local request without
 *   `.identity(pem)`) forwards with 401.
 * - A certificate that does not parse as X.509, or has neither a subject nor a subject alternative name, fails
 *   with 401 and a `CertificateError`. (Rocket also accepts an empty subject with a *critical* subjectAltName;
 *   Node does not expose criticality, so any subjectAltName is accepted.)
 * - `optional(Certificate)` makes the certificate optional; `result(Certificate)` shows why one was refused.
 *
 * @example
 * get("/whoami", { cert: Certificate }, ({ cert }) => `Hello, ${cert.subject.commonName}!`);
 */
export class Certificate {
  /** Marks the class as a request guard. */
  static readonly kind = "guard";

  /** The guard: the client's certificate; forwards with 401 without one, fails with 401 when it is unusable. */
  static fromRequest(req: Request): Outcome<Certificate, CertificateError> {
    const der = req.peerCertificates?.[0];
    return der === undefined ? FORWARD_401 : Certificate.parse(der);
  }

  /** Parses a DER certificate as the guard does: success with the certificate, or a 401 failure. */
  static parse(der: Uint8Array): Outcome<Certificate, CertificateError> {
    let x509: X509Certificate;
    try {
      x509 = new X509Certificate(der);
    } catch {
      return error(Status.Unauthorized, "parse");
    }
    if (x509.subject === "" && x509.subjectAltName === undefined)
      return error(Status.Unauthorized, "no-subject");
    return success(new Certificate(x509));
  }

  /** The certificate, parsed by Node (validity dates, fingerprints, public key, `checkHost`, …). */
  readonly x509: X509Certificate;
  /** Who the certificate was issued to. */
  readonly subject: CertificateName;
  /** Who issued it. */
  readonly issuer: CertificateName;

  constructor(x509: X509Certificate) {
    this.x509 = x509;
    this.subject = CertificateName.parse(x509.subject);
    this.issuer = CertificateName.parse(x509.issuer);
  }

  /** The serial number. */
  get serial(): bigint {
    return BigInt(`0x${this.x509.serialNumber}`);
  }

  /**
   * Whether the serial number is `number`, given in decimal (Rocket's `has_serial`); `undefined` when `number` is
   * not a decimal unsigned integer.
   */
  hasSerial(number: string): boolean | undefined {
    if (!/^\d+$/.test(number)) return undefined;
    return BigInt(number) === this.serial;
  }

  /** The certificate's DER bytes, as the client sent them. */
  get der(): Uint8Array {
    return this.x509.raw;
  }
}

/**
 * The DER bytes of every certificate in `pem` (blocks `-----BEGIN CERTIFICATE-----`), in order; `undefined` when
 * there is none. What a local request's `.identity(pem)` presents.
 */
export function pemCertificates(pem: string | Uint8Array): Uint8Array[] | undefined {
  const text = typeof pem === "string" ? pem : Buffer.from(pem).toString("latin1");
  const out: Uint8Array[] = [];
  for (const m of text.matchAll(PEM_CERTIFICATE)) out.push(Buffer.from(m[1]!.replace(/\s+/g, ""), "base64"));
  return out.length === 0 ? undefined : out;
}
