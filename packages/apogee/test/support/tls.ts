// Certificates generated at test time with the openssl CLI (.ci/run installs it when missing): a CA, a server
// certificate for localhost/127.0.0.1 signed by it, a client certificate signed by it, and a self-signed rogue.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** PEM files (paths) and their text. */
export interface TestPki {
  readonly dir: string;
  /** The CA's certificate (PEM text): clients trust it, mutual TLS verifies client certificates against it. */
  readonly ca: string;
  readonly caPath: string;
  /** The server's certificate and key, as paths. */
  readonly certPath: string;
  readonly keyPath: string;
  /** The server's certificate and key, as PEM text. */
  readonly cert: string;
  readonly key: string;
  /** A client certificate signed by the CA (CN `client one`, O `Apogee`), and its key. */
  readonly clientCert: string;
  readonly clientKey: string;
  /** A self-signed client certificate (CN `rogue`) the CA does not vouch for, and its key. */
  readonly rogueCert: string;
  readonly rogueKey: string;
  /** A second server key that matches no certificate here. */
  readonly otherKey: string;
  /** Deletes the directory. */
  remove(): void;
}

function openssl(cwd: string, ...args: string[]): void {
  try {
    execFileSync("openssl", args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: Buffer };
    if (err.code === "ENOENT")
      throw new Error("the TLS tests need the openssl CLI (apt-get install openssl)");
    throw new Error(`openssl ${args.join(" ")} failed: ${err.stderr?.toString() ?? err.message}`);
  }
}

const EC = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];

/** Generates a fresh CA, server, client and rogue certificate in a temporary directory. */
export function generatePki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), "apogee-tls-"));
  writeFileSync(join(dir, "server.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
  openssl(
    dir,
    "req",
    "-x509",
    ...EC,
    "-keyout",
    "ca.key",
    "-out",
    "ca.pem",
    "-days",
    "2",
    "-subj",
    "/CN=Apogee Test CA",
  );
  openssl(dir, "req", ...EC, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost");
  openssl(
    dir,
    "x509",
    "-req",
    "-in",
    "server.csr",
    "-CA",
    "ca.pem",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-out",
    "server.pem",
    "-days",
    "2",
    "-extfile",
    "server.ext",
  );
  openssl(
    dir,
    "req",
    ...EC,
    "-keyout",
    "client.key",
    "-out",
    "client.csr",
    "-subj",
    "/CN=client one/O=Apogee",
  );
  openssl(
    dir,
    "x509",
    "-req",
    "-in",
    "client.csr",
    "-CA",
    "ca.pem",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-out",
    "client.pem",
    "-days",
    "2",
  );
  openssl(
    dir,
    "req",
    "-x509",
    ...EC,
    "-keyout",
    "rogue.key",
    "-out",
    "rogue.pem",
    "-days",
    "2",
    "-subj",
    "/CN=rogue",
  );
  openssl(
    dir,
    "req",
    "-x509",
    ...EC,
    "-keyout",
    "other.key",
    "-out",
    "other.pem",
    "-days",
    "2",
    "-subj",
    "/CN=other",
  );
  const read = (name: string) => readFileSync(join(dir, name), "latin1");
  return {
    dir,
    ca: read("ca.pem"),
    caPath: join(dir, "ca.pem"),
    certPath: join(dir, "server.pem"),
    keyPath: join(dir, "server.key"),
    cert: read("server.pem"),
    key: read("server.key"),
    clientCert: read("client.pem"),
    clientKey: read("client.key"),
    rogueCert: read("rogue.pem"),
    rogueKey: read("rogue.key"),
    otherKey: read("other.key"),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
