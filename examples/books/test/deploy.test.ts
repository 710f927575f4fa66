// docs/deploy.md, tested where this machine allows: nginx from Debian, with the guide's own configuration (taken
// from the page; only ports, certificate paths and the process's own files are moved into a temporary folder),
// terminating TLS in front of two instances of the books API on loopback that share one database and one secret
// key. A token from one instance works on the other; nginx adds HSTS; taking one instance down (a graceful
// restart) loses no request. Skipped (loudly) without nginx, except in CI, where that is a failure.
import assert from "node:assert/strict";
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import type { Orbit } from "apogee";
import { app } from "../src/app.ts";
import { figment, HERE, listening } from "./support.ts";

const GUIDE = join(HERE, "..", "..", "docs", "deploy.md");
const PG = "postgres://postgres@127.0.0.1:5432/test";

function nginxBinary(): string | undefined {
  for (const path of ["/usr/sbin/nginx", "/usr/bin/nginx"]) {
    try {
      execFileSync(path, ["-v"], { stdio: "ignore" });
      return path;
    } catch {}
  }
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** The `nginx` block of the guide, with its ports and paths moved to `dir`. */
function guideConfig(dir: string, ports: { https: number; http: number; a: number; b: number }): string {
  const page = readFileSync(GUIDE, "utf8");
  const block = /```nginx\n([\s\S]*?)```/.exec(page)?.[1];
  assert.ok(block !== undefined, "docs/deploy.md has no nginx block");
  const site = block
    .replace("listen 443 ssl http2;", `listen 127.0.0.1:${ports.https} ssl http2;`)
    .replace("listen 80;", `listen 127.0.0.1:${ports.http};`)
    .replace("127.0.0.1:8001", `127.0.0.1:${ports.a}`)
    .replace("127.0.0.1:8002", `127.0.0.1:${ports.b}`)
    .replace("/etc/ssl/books/fullchain.pem", join(dir, "cert.pem"))
    .replace("/etc/ssl/books/privkey.pem", join(dir, "key.pem"));
  for (const moved of [ports.https, ports.http, ports.a, ports.b]) assert.ok(site.includes(`:${moved}`));
  // The process's own files (what /etc/nginx/nginx.conf sets on a real machine) stay in `dir`.
  return `daemon off;
pid ${join(dir, "nginx.pid")};
error_log ${join(dir, "error.log")} warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${join(dir, "body")};
  proxy_temp_path ${join(dir, "proxy")};
  fastcgi_temp_path ${join(dir, "fastcgi")};
  uwsgi_temp_path ${join(dir, "uwsgi")};
  scgi_temp_path ${join(dir, "scgi")};
${site}
}
`;
}

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
}

function https(
  port: number,
  ca: string,
  method: string,
  path: string,
  token?: string,
  json?: unknown,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const body = json === undefined ? undefined : JSON.stringify(json);
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method,
        path,
        ca,
        servername: "localhost",
        headers: {
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.once("error", reject);
    req.end(body);
  });
}

async function waitFor(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await listening(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listens on ${port}`);
}

describe("docs/deploy.md: nginx with TLS in front of two instances", async () => {
  const nginx = nginxBinary();
  if (nginx === undefined && process.env.CI === "true") throw new Error("CI=true but nginx is not installed");
  if (nginx === undefined)
    console.error(
      "\n!!! SKIPPING the deploy guide's nginx test: nginx is not installed (apt-get install nginx-light).\n",
    );
  const pg = await listening(5432);

  test("tokens work on both instances, nginx adds HSTS, and a restart loses no request", {
    skip: nginx === undefined && "nginx is not installed",
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "apogee-deploy-"));
    after(() => rmSync(dir, { recursive: true, force: true }));
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=localhost",
        "-addext",
        "subjectAltName=DNS:localhost,IP:127.0.0.1",
        "-keyout",
        join(dir, "key.pem"),
        "-out",
        join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    const ca = readFileSync(join(dir, "cert.pem"), "utf8");

    // The shared database: PostgreSQL (a schema of its own) when it is here, else one SQLite file.
    let url = `sqlite://${join(dir, "books.db")}`;
    if (pg) {
      const { default: pgModule } = await import("pg");
      const schema = `books_deploy_${process.pid}_${Date.now()}`;
      const admin = new pgModule.Client({ connectionString: PG });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      after(async () => {
        await admin.query(`drop schema ${schema} cascade`);
        await admin.end();
      });
      url = `${PG}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    }

    const served = { a: 0, b: 0 };
    const instance = async (name: "a" | "b"): Promise<Orbit> => {
      const orbit = await app()
        .configure(
          figment({
            APOGEE_PROFILE: "release",
            APOGEE_SECRET_KEY: Buffer.alloc(32, 9).toString("base64"),
            APOGEE_DATABASES: `{books={url="${url}"}}`,
            APOGEE_ADDRESS: "127.0.0.1",
            APOGEE_PORT: "0",
          }).merge({ log_level: "normal", shutdown: { grace: 2, mercy: 1 } }),
        )
        .logTo({
          out: (line) => void (line.includes('"path":"/accounts/me"') && served[name]++),
          err: () => {},
        })
        .launch();
      return orbit;
    };
    const a = await instance("a");
    const b = await instance("b");
    let aDown = false;
    after(async () => {
      if (!aDown) await a.shutdown();
      await b.shutdown();
    });

    const ports = { https: await freePort(), http: await freePort(), a: a.port, b: b.port };
    const conf = join(dir, "nginx.conf");
    writeFileSync(conf, guideConfig(dir, ports));
    execFileSync(nginx!, ["-t", "-q", "-c", conf, "-p", dir], { stdio: "pipe" });
    const proxy: ChildProcess = spawn(nginx!, ["-c", conf, "-p", dir], { stdio: "ignore" });
    after(() => void proxy.kill("SIGQUIT"));
    await waitFor(ports.https);

    let res = await https(ports.https, ca, "POST", "/accounts", undefined, {
      email: "ada@example.com",
      password: "correct horse battery",
    });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.headers["strict-transport-security"], "max-age=31536000; includeSubDomains");
    const token = (JSON.parse(res.text) as { token: string }).token;

    // Round robin: the token one instance issued is accepted by both.
    for (let i = 0; i < 4; i++) {
      res = await https(ports.https, ca, "GET", "/accounts/me", token);
      assert.equal(res.status, 200);
      assert.equal(res.text, '{"id":1,"email":"ada@example.com"}');
    }
    assert.ok(served.a > 0 && served.b > 0, `both instances served: ${JSON.stringify(served)}`);

    res = await https(ports.https, ca, "GET", "/ready");
    assert.deepEqual([res.status, res.text], [200, '{"status":"ready"}']);

    // A graceful restart of one instance: every request still succeeds, through the other.
    await a.shutdown();
    aDown = true;
    for (let i = 0; i < 4; i++) {
      res = await https(ports.https, ca, "GET", "/accounts/me", token);
      assert.equal(res.status, 200);
    }

    // Plain HTTP is redirected to HTTPS.
    const plain = await fetch(`http://127.0.0.1:${ports.http}/books`, { redirect: "manual" });
    assert.equal(plain.status, 301);
    assert.equal(plain.headers.get("location"), "https://127.0.0.1/books");
  });
});
