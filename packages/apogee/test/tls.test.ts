// TLS over real sockets (ROCKET.md §11.1 `tls`, §13): HTTP/2 and HTTP/1.1 by ALPN, Secure cookies, Rocket's
// cipher names, keep-alive pings, graceful shutdown, and bad TLS material reported at launch.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { connect as h2connect } from "node:http2";
import { Agent as HttpsAgent, get as httpsGet } from "node:https";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { connect as tlsConnect } from "node:tls";
import {
  build,
  Cookies,
  get,
  guard,
  Host,
  LaunchError,
  type Orbit,
  post,
  success,
  Text,
  TextStream,
} from "../src/index.ts";
import { capture } from "./support/config.ts";
import { generatePki, type TestPki } from "./support/tls.ts";
import { h1request, h2request } from "./support/tls-clients.ts";

const pki: TestPki = generatePki();
after(() => pki.remove());

const PseudoHeaders = guard("PseudoHeaders", (req) =>
  success(Object.keys(req.headers).filter((n) => n.startsWith(":")).length),
);
async function* chunks() {
  for (let i = 0; i < 3; i++) {
    await sleep(5);
    yield `chunk ${i};`;
  }
}
let foreverStopped = false;
async function* forever() {
  try {
    for (let i = 0; ; i++) {
      await sleep(10);
      yield `tick ${i};`;
    }
  } finally {
    foreverStopped = true;
  }
}
async function until(condition: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await sleep(20);
  }
}
const routes = [
  get("/forever", () => TextStream(forever())),
  get("/hello", () => "Hello over TLS"),
  get("/host", { host: Host, pseudo: PseudoHeaders }, ({ host, pseudo }) => `${host} pseudo=${pseudo}`),
  get("/cookie", { jar: Cookies }, ({ jar }) => {
    jar.add("name", "value");
    return "set";
  }),
  get("/stream", () => TextStream(chunks())),
  post({ uri: "/echo", data: "<text>" }, { text: Text }, ({ text }) => `echo: ${text}`),
];

const SHIELD = {
  server: "Apogee",
  "x-content-type-options": "nosniff",
  "x-frame-options": "SAMEORIGIN",
  "permissions-policy": "interest-cohort=()",
};

describe("serving TLS: HTTP/2 and HTTP/1.1 by ALPN", () => {
  let orbit: Orbit;
  let origin: string;
  const log = capture();
  before(async () => {
    orbit = await build()
      .configure({ port: 0, cli_colors: false, tls: { certs: pki.certPath, key: pki.keyPath } })
      .logTo(log.sink)
      .mount("/", routes)
      .launch();
    origin = `https://localhost:${orbit.port}`;
  });
  after(() => orbit.shutdown());

  test("the banner says `tls: enabled w/o mtls` and the launch line is https://", () => {
    assert.ok(log.out.includes("   >> tls: enabled w/o mtls"));
    assert.equal(orbit.url, `https://127.0.0.1:${orbit.port}`);
    assert.ok(log.out.includes(`Apogee has launched from https://127.0.0.1:${orbit.port}`));
    assert.equal(log.err.filter((l) => /tls/i.test(l)).length, 0, "no TLS warning");
  });

  test("an HTTP/2 client negotiates h2 and gets the exact response", async () => {
    const res = await h2request(origin, "/hello", { ca: pki.ca });
    assert.equal(res.alpn, "h2");
    assert.equal(res.status, 200);
    assert.equal(res.body, "Hello over TLS");
    assert.equal(res.headers["content-type"], "text/plain; charset=utf-8");
    assert.equal(res.headers["content-length"], "14");
    for (const [name, value] of Object.entries(SHIELD)) assert.equal(res.headers[name], value, name);
    assert.equal(res.headers.connection, undefined);
  });

  test("a client offering only http/1.1 is answered over HTTP/1.1 with the same response", async () => {
    const res = await h1request(origin, "/hello", { ca: pki.ca });
    assert.equal(res.alpn, "http/1.1");
    assert.equal(res.version, "1.1");
    assert.equal(res.status, 200);
    assert.equal(res.body, "Hello over TLS");
    assert.equal(res.headers["content-type"], "text/plain; charset=utf-8");
    assert.equal(res.headers["content-length"], "14");
    for (const [name, value] of Object.entries(SHIELD)) assert.equal(res.headers[name], value, name);
  });

  test("HTTP/2's :authority is the Host, and pseudo-headers are not request headers", async () => {
    const res = await h2request(origin, "/host", { ca: pki.ca });
    assert.equal(res.status, 200);
    assert.equal(res.body, `localhost:${orbit.port} pseudo=0`);
  });

  test("HEAD over HTTP/2 keeps GET's Content-Length and sends no body", async () => {
    const res = await h2request(origin, "/hello", { ca: pki.ca, method: "HEAD" });
    assert.equal(res.status, 200);
    assert.equal(res.headers["content-length"], "14");
    assert.equal(res.body, "");
  });

  test("a body sent over HTTP/2 reaches the data guard", async () => {
    const res = await h2request(origin, "/echo", {
      ca: pki.ca,
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "ünïcode body",
    });
    assert.equal(res.status, 200);
    assert.equal(res.body, "echo: ünïcode body");
  });

  test("a stream is sent over HTTP/2 without a length, chunk by chunk", async () => {
    const res = await h2request(origin, "/stream", { ca: pki.ca });
    assert.equal(res.status, 200);
    assert.equal(res.headers["content-length"], undefined);
    assert.equal(res.body, "chunk 0;chunk 1;chunk 2;");
  });

  test("a client cancelling an HTTP/2 stream stops the producer", async () => {
    const session = h2connect(origin, { ca: pki.ca });
    try {
      const stream = session.request({ ":path": "/forever" });
      await new Promise((r) => stream.once("data", r));
      stream.close(8); // CANCEL
      await until(() => foreverStopped);
    } finally {
      session.close();
    }
  });

  test("a route that does not exist is the default 404 page over HTTP/2", async () => {
    const res = await h2request(origin, "/nope", { ca: pki.ca });
    assert.equal(res.status, 404);
    assert.equal(res.headers["content-type"], "text/html; charset=utf-8");
    assert.match(res.body, /<h1>404: Not Found<\/h1>/);
  });

  test("cookies added under TLS are Secure, over HTTP/2 and HTTP/1.1", async () => {
    const h2 = await h2request(origin, "/cookie", { ca: pki.ca });
    assert.deepEqual(h2.headers["set-cookie"], ["name=value; SameSite=Strict; Secure; Path=/"]);
    const h1 = await h1request(origin, "/cookie", { ca: pki.ca });
    assert.deepEqual(h1.headers["set-cookie"], ["name=value; SameSite=Strict; Secure; Path=/"]);
  });
});

describe("TLS configuration", () => {
  async function launchTls(
    tls: Record<string, unknown>,
    extra: Record<string, unknown> = {},
  ): Promise<Orbit> {
    return build()
      .configure({
        port: 0,
        log_level: "off",
        tls: { certs: pki.cert, key: pki.key, ...tls },
        ...extra,
      } as never)
      .mount("/", routes)
      .launch();
  }

  function handshake(port: number, options: { ciphers?: string; maxVersion?: "TLSv1.2" | "TLSv1.3" } = {}) {
    return new Promise<{ protocol: string | null; cipher: string }>((resolve, reject) => {
      const socket = tlsConnect(
        { host: "127.0.0.1", port, servername: "localhost", ca: pki.ca, ...options },
        () => {
          resolve({ protocol: socket.getProtocol(), cipher: socket.getCipher().name });
          socket.end();
        },
      );
      socket.on("error", reject);
    });
  }

  test("inline PEM text serves as well as paths", async () => {
    const orbit = await launchTls({});
    try {
      const res = await h2request(`https://localhost:${orbit.port}`, "/hello", { ca: pki.ca });
      assert.equal(res.body, "Hello over TLS");
    } finally {
      await orbit.shutdown();
    }
  });

  test("only TLS 1.2 suites configured: TLS 1.2 with OpenSSL's name for Rocket's suite", async () => {
    const orbit = await launchTls({ ciphers: ["TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"] });
    try {
      assert.deepEqual(await handshake(orbit.port), {
        protocol: "TLSv1.2",
        cipher: "ECDHE-ECDSA-AES128-GCM-SHA256",
      });
    } finally {
      await orbit.shutdown();
    }
  });

  test("only TLS 1.3 suites configured: a TLS 1.2-only client is refused", async () => {
    const orbit = await launchTls({ ciphers: ["TLS_AES_256_GCM_SHA384"] });
    try {
      assert.deepEqual(await handshake(orbit.port), {
        protocol: "TLSv1.3",
        cipher: "TLS_AES_256_GCM_SHA384",
      });
      await assert.rejects(handshake(orbit.port, { maxVersion: "TLSv1.2" }));
    } finally {
      await orbit.shutdown();
    }
  });

  test("prefer_server_cipher_order picks the server's first suite, else the client's", async () => {
    const ciphers = ["TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"];
    const client = {
      ciphers: "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-GCM-SHA256",
      maxVersion: "TLSv1.2" as const,
    };
    const server = await launchTls({ ciphers, prefer_server_cipher_order: true });
    try {
      assert.equal((await handshake(server.port, client)).cipher, "ECDHE-ECDSA-AES128-GCM-SHA256");
    } finally {
      await server.shutdown();
    }
    const clientFirst = await launchTls({ ciphers });
    try {
      assert.equal((await handshake(clientFirst.port, client)).cipher, "ECDHE-ECDSA-AES256-GCM-SHA384");
    } finally {
      await clientFirst.shutdown();
    }
  });

  test("bad TLS material aborts launch naming every problem at once", async () => {
    const notPem = join(pki.dir, "not.pem");
    writeFileSync(notPem, "hello\n");
    const err = await launchTls({
      certs: notPem,
      key: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
      mutual: { ca_certs: notPem },
    }).then(
      () => assert.fail("launched"),
      (e: unknown) => e,
    );
    assert.ok(err instanceof LaunchError);
    assert.equal(err.kind, "config");
    assert.equal(err.problems.length, 3);
    assert.equal(
      err.problems[0],
      `tls.certs (${notPem}): no PEM certificate (-----BEGIN CERTIFICATE-----) found`,
    );
    assert.match(
      err.problems[1]!,
      /^tls\.key \(inline PEM\): no usable PEM private key \(PKCS#8, PKCS#1 or SEC1\): /,
    );
    assert.equal(
      err.problems[2],
      `tls.mutual.ca_certs (${notPem}): no PEM certificate (-----BEGIN CERTIFICATE-----) found`,
    );
    assert.match(err.message, /^Apogee failed to launch due to invalid TLS configuration:\n/);
    assert.match(err.message, /aborting due to invalid configuration$/);
  });

  test("a key that does not match the certificate aborts launch", async () => {
    const err = await launchTls({ key: pki.otherKey }).then(
      () => assert.fail("launched"),
      (e: unknown) => e,
    );
    assert.ok(err instanceof LaunchError);
    assert.deepEqual(err.problems, [
      "tls.key (inline PEM): the private key does not match the first certificate of tls.certs",
    ]);
  });

  test("keep_alive is the HTTP/2 ping interval: an idle session is pinged every keep_alive seconds", async () => {
    const orbit = await launchTls({}, { keep_alive: 1 });
    const session = h2connect(`https://localhost:${orbit.port}`, { ca: pki.ca });
    try {
      const started = Date.now();
      await new Promise<void>((resolve) => session.once("ping", () => resolve()));
      const waited = Date.now() - started;
      assert.ok(waited >= 800 && waited < 2500, `pinged after ${waited} ms`);
    } finally {
      session.close();
      await orbit.shutdown();
    }
  });
});

describe("HTTP/1.1 over TLS: keep-alive and unreadable requests", () => {
  function rawTls(port: number, text: string, waitForClose: boolean) {
    return new Promise<{ text: string; closedAfter: number }>((resolve, reject) => {
      const started = Date.now();
      const socket = tlsConnect(
        { host: "127.0.0.1", port, servername: "localhost", ca: pki.ca, ALPNProtocols: ["http/1.1"] },
        () => socket.write(text),
      );
      let received = "";
      socket.setEncoding("latin1");
      socket.on("data", (c: string) => {
        received += c;
        if (!waitForClose && received.includes("\r\n\r\n")) socket.end();
      });
      socket.on("close", () => resolve({ text: received, closedAfter: Date.now() - started }));
      socket.on("error", reject);
    });
  }

  test("an idle keep-alive connection is closed after keep_alive seconds", { timeout: 10_000 }, async () => {
    const orbit = await build()
      .configure({ port: 0, log_level: "off", keep_alive: 1, tls: { certs: pki.cert, key: pki.key } })
      .mount("/", routes)
      .launch();
    try {
      const { text, closedAfter } = await rawTls(orbit.port, "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n", true);
      assert.match(text, /^HTTP\/1\.1 200 OK\r\n/);
      assert.match(text, /\r\nConnection: keep-alive\r\n/i);
      assert.ok(closedAfter >= 900 && closedAfter < 3000, `closed after ${closedAfter} ms`);
    } finally {
      await orbit.shutdown();
    }
  });

  test("a garbage request line over TLS is answered 400 through the catchers, and closed", async () => {
    const orbit = await build()
      .configure({ port: 0, log_level: "off", tls: { certs: pki.cert, key: pki.key } })
      .mount("/", routes)
      .launch();
    try {
      const { text } = await rawTls(orbit.port, "THIS IS NOT HTTP\r\n\r\n", true);
      assert.match(text, /^HTTP\/1\.1 400 Bad Request\r\n/);
      assert.match(text, /\r\nconnection: close\r\n/);
      assert.match(text, /<h1>400: Bad Request<\/h1>/);
    } finally {
      await orbit.shutdown();
    }
  });

  test("shutdown closes idle HTTP/1.1 and HTTP/2 connections at once instead of waiting out the grace period", async () => {
    const orbit = await build()
      .configure({
        port: 0,
        log_level: "off",
        tls: { certs: pki.cert, key: pki.key },
        shutdown: { grace: 10, mercy: 10 },
      })
      .mount("/", routes)
      .launch();
    const origin = `https://localhost:${orbit.port}`;
    const h1 = new HttpsAgent({ keepAlive: true, ca: pki.ca });
    const session = h2connect(origin, { ca: pki.ca });
    const h2closed = new Promise<void>((r) => session.once("close", () => r()));
    await new Promise<void>((resolve, reject) => {
      httpsGet(`${origin}/hello`, { agent: h1 }, (res) => res.resume().on("end", resolve)).on(
        "error",
        reject,
      );
    });
    await new Promise<void>((resolve) => {
      const stream = session.request({ ":path": "/hello" });
      stream.resume().on("end", resolve);
    });
    const started = Date.now();
    await orbit.shutdown();
    assert.ok(Date.now() - started < 2000, `shutdown took ${Date.now() - started} ms`);
    await h2closed;
    h1.destroy();
  });
});

describe("graceful shutdown over HTTP/2", () => {
  test("a request in flight finishes, the session is told GOAWAY, new connections are refused", async () => {
    let release: () => void = () => {};
    const slow = get("/slow", async () => {
      await new Promise<void>((r) => {
        release = r;
      });
      return "finished";
    });
    const orbit = await build()
      .configure({
        port: 0,
        log_level: "off",
        tls: { certs: pki.cert, key: pki.key },
        shutdown: { grace: 5, mercy: 1 },
      })
      .mount("/", [slow])
      .launch();
    const origin = `https://localhost:${orbit.port}`;
    const pending = h2request(origin, "/slow", { ca: pki.ca });
    await sleep(150);
    const stopping = orbit.shutdown();
    await sleep(100);
    release();
    const res = await pending;
    assert.equal(res.status, 200);
    assert.equal(res.body, "finished");
    await stopping;
    await assert.rejects(h2request(origin, "/slow", { ca: pki.ca }), /ECONNREFUSED/);
  });
});
