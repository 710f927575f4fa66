// Mutual TLS (ROCKET.md §11.1 `tls.mutual`) and Rocket's `mtls::Certificate` guard: over real sockets, and
// through the local client's `.identity(pem)`.
import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { after, before, describe, test } from "node:test";
import {
  build,
  Certificate,
  CertificateName,
  Client,
  catcher,
  get,
  type Orbit,
  optional,
  result,
} from "../src/index.ts";
import { capture } from "./support/config.ts";
import { expectResponse, HTML, quietApp, TEXT } from "./support/local.ts";
import { generatePki, type TestPki } from "./support/tls.ts";
import { h1request, h2request } from "./support/tls-clients.ts";

const pki: TestPki = generatePki();
after(() => pki.remove());

const whoami = get("/whoami", { cert: Certificate }, ({ cert }) =>
  [cert.subject.commonName, cert.subject.get("O"), cert.issuer.commonName].join("|"),
);
const anonymous = get({ uri: "/whoami", rank: 2 }, () => "anonymous");
const maybe = get(
  "/maybe",
  { cert: optional(Certificate) },
  ({ cert }) => cert?.subject.toString() ?? "none",
);
const why = get("/why", { cert: result(Certificate) }, ({ cert }) =>
  cert.ok ? "ok" : `refused: ${cert.error}`,
);
const only = get("/only", { cert: Certificate }, ({ cert }) => cert.subject.toString());
const unauthorized = catcher(401, () => "who are you?");

async function launchMtls(mandatory: boolean, log = capture()): Promise<Orbit> {
  return build()
    .configure({
      port: 0,
      cli_colors: false,
      tls: { certs: pki.certPath, key: pki.keyPath, mutual: { ca_certs: pki.caPath, mandatory } },
    })
    .logTo(log.sink)
    .mount("/", [whoami, anonymous, maybe, only])
    .register("/", [unauthorized])
    .launch();
}

const client = () => ({ ca: pki.ca, cert: pki.clientCert, key: pki.clientKey });
const rogue = () => ({ ca: pki.ca, cert: pki.rogueCert, key: pki.rogueKey });

describe("mutual TLS, mandatory", () => {
  let orbit: Orbit;
  let origin: string;
  const log = capture();
  before(async () => {
    orbit = await launchMtls(true, log);
    origin = `https://localhost:${orbit.port}`;
  });
  after(() => orbit.shutdown());

  test("the banner says `tls: enabled w/mtls`", () => {
    assert.ok(log.out.includes("   >> tls: enabled w/mtls"));
  });

  test("a client without a certificate is refused in the handshake", async () => {
    await assert.rejects(h1request(origin, "/whoami", { ca: pki.ca }));
    await assert.rejects(h2request(origin, "/whoami", { ca: pki.ca }));
  });

  test("a client with a certificate the CA does not vouch for is refused", async () => {
    await assert.rejects(h1request(origin, "/whoami", rogue()));
  });

  test("a client with a CA-signed certificate is served, and Certificate names it, over HTTP/1.1 and HTTP/2", async () => {
    const h1 = await h1request(origin, "/whoami", client());
    assert.equal(h1.status, 200);
    assert.equal(h1.body, "client one|Apogee|Apogee Test CA");
    const h2 = await h2request(origin, "/whoami", client());
    assert.equal(h2.alpn, "h2");
    assert.equal(h2.status, 200);
    assert.equal(h2.body, "client one|Apogee|Apogee Test CA");
  });
});

describe("mutual TLS, optional", () => {
  let orbit: Orbit;
  let origin: string;
  before(async () => {
    orbit = await launchMtls(false);
    origin = `https://localhost:${orbit.port}`;
  });
  after(() => orbit.shutdown());

  test("without a certificate, Certificate forwards with 401: the next route answers", async () => {
    const res = await h2request(origin, "/whoami", { ca: pki.ca });
    assert.equal(res.status, 200);
    assert.equal(res.body, "anonymous");
  });

  test("without a certificate and no other route, the 401 catcher answers", async () => {
    const res = await h1request(origin, "/only", { ca: pki.ca });
    assert.equal(res.status, 401);
    assert.equal(res.body, "who are you?");
  });

  test("optional(Certificate) is undefined without one and the certificate with one", async () => {
    assert.equal((await h2request(origin, "/maybe", { ca: pki.ca })).body, "none");
    assert.equal((await h2request(origin, "/maybe", client())).body, "CN=client one, O=Apogee");
  });

  test("a presented certificate the CA does not vouch for is refused even though one is optional", async () => {
    await assert.rejects(h1request(origin, "/maybe", rogue()));
    await assert.rejects(h2request(origin, "/maybe", rogue()));
  });
});

describe("Certificate through the local client's identity(pem)", () => {
  let local: Client;
  before(async () => {
    local = await Client.untracked(quietApp([whoami, anonymous, why, only]).register("/", [unauthorized]));
  });

  test("a presented certificate is parsed for the guard (the local client verifies nothing)", async () => {
    const res = await local.get("/whoami").identity(pki.clientCert).dispatch();
    assert.equal(res.status, 200);
    assert.equal(await res.text(), "client one|Apogee|Apogee Test CA");
  });

  test("no identity forwards with 401", async () => {
    await expectResponse(await local.get("/whoami").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "anonymous",
    });
    await expectResponse(await local.get("/only").dispatch(), {
      status: 401,
      contentType: TEXT,
      body: "who are you?",
    });
  });

  test("PEM without a CERTIFICATE block presents no certificate: a forward, not an error", async () => {
    await expectResponse(await local.get("/only").identity(pki.clientKey).dispatch(), {
      status: 401,
      contentType: TEXT,
      body: "who are you?",
    });
  });

  test("a CERTIFICATE block that is not X.509 fails with 401, and result(Certificate) says why", async () => {
    const garbage = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
    await expectResponse(await local.get("/why").identity(garbage).dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "refused: parse",
    });
    // An error stops routing: the rank-2 route is not tried.
    await expectResponse(await local.get("/whoami").identity(garbage).dispatch(), {
      status: 401,
      contentType: TEXT,
      body: "who are you?",
    });
  });

  test("without a 401 catcher, a refused certificate is the default 401 page", async () => {
    const bare = await Client.untracked(quietApp([only]));
    const res = await bare.get("/only").dispatch();
    assert.equal(res.status, 401);
    assert.equal(res.headers.get("content-type"), HTML);
  });
});

describe("Certificate's accessors", () => {
  test("serial, hasSerial (decimal), subject and issuer names, DER bytes", () => {
    const x509 = new X509Certificate(pki.clientCert);
    const cert = new Certificate(x509);
    const serial = BigInt(`0x${x509.serialNumber}`);
    assert.equal(cert.serial, serial);
    assert.equal(cert.hasSerial(serial.toString()), true);
    assert.equal(cert.hasSerial("1"), false);
    assert.equal(cert.hasSerial("0x1F"), undefined);
    assert.deepEqual(cert.subject.entries, [
      ["CN", "client one"],
      ["O", "Apogee"],
    ]);
    assert.deepEqual(cert.subject.commonNames, ["client one"]);
    assert.equal(cert.subject.email, undefined);
    assert.equal(cert.issuer.toString(), "CN=Apogee Test CA");
    assert.deepEqual(Buffer.from(cert.der), x509.raw);
  });

  test("a name parses Node's escaped and quoted values", () => {
    const name = CertificateName.parse('CN=a\\, b\nemailAddress=me@example.org\nO="quoted \\"name\\""');
    assert.deepEqual(name.entries, [
      ["CN", "a, b"],
      ["emailAddress", "me@example.org"],
      ["O", 'quoted "name"'],
    ]);
    assert.equal(name.email, "me@example.org");
    assert.equal(CertificateName.parse("").isEmpty, true);
  });
});
