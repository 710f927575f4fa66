// `workers > 1` (ROCKET.md §11.1 `workers`, `shutdown`): a primary and its worker processes on one port, each
// worker replaced when it dies, every one drained on shutdown. Real processes, real sockets.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { createServer, type Server } from "node:net";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { appWith, configError, ignite, tempDir } from "./support/config.ts";
import { generatePki } from "./support/tls.ts";
import { h2request } from "./support/tls-clients.ts";

const FIXTURE = fileURLToPath(new URL("./fixtures/workers-app.ts", import.meta.url));

interface Cluster {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  out(): string;
  err(): string;
}

function start(env: Record<string, string> = {}): Cluster {
  const child = spawn(process.execPath, ["--import", "tsx", FIXTURE], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, APOGEE_WORKERS: "2", APOGEE_PORT: "0", ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (c) => {
    stdout += c;
  });
  child.stderr!.on("data", (c) => {
    stderr += c;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

async function until<T>(
  what: string,
  f: () => T | undefined | Promise<T | undefined>,
  ms = 20_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

async function launched(c: Cluster): Promise<string> {
  return until(`the launch line in:\n${c.out()}${c.err()}`, () => {
    return /Apogee has launched from (https?:\/\/127\.0\.0\.1:\d+)/.exec(c.out())?.[1];
  });
}

/** GET on a fresh connection (so the primary hands it to the next worker). */
function fetchFresh(
  url: string,
  cookie?: string,
): Promise<{ status: number; body: string; setCookie: string[] }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { connection: "close" };
    if (cookie !== undefined) headers.cookie = cookie;
    const req = request(url, { agent: false, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c) => {
        body += c;
      });
      res.on("end", () =>
        resolve({ status: res.statusCode!, body, setCookie: res.headers["set-cookie"] ?? [] }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

const count = (text: string, re: RegExp) => text.match(new RegExp(re.source, `${re.flags}g`))?.length ?? 0;

describe("the workers key", () => {
  test('defaults to 1 (one process, no cluster); "auto" is one per CPU', async () => {
    const dir = tempDir();
    assert.equal((await ignite(appWith({}, dir))).config.workers, 1);
    assert.equal(
      (await ignite(appWith({ APOGEE_WORKERS: "auto" }, dir))).config.workers,
      availableParallelism(),
    );
    assert.equal((await ignite(appWith({ APOGEE_WORKERS: "3" }, dir))).config.workers, 3);
  });

  test("anything else aborts launch naming the key", async () => {
    const err = await configError(appWith({ APOGEE_WORKERS: "many" }, tempDir()));
    assert.deepEqual(err.problems, [
      'workers = "many" (APOGEE_WORKERS, profile debug): expected a number of processes from 1 to 1024, or "auto" (one per CPU)',
    ]);
  });
});

describe("two workers on one port", () => {
  let cluster: Cluster;
  let url: string;
  const workers = new Set<string>();
  before(async () => {
    cluster = start();
    url = await launched(cluster);
  });
  after(() => {
    cluster.child.kill("SIGKILL");
  });

  test("the banner and the launch line print once; liftoff fairings run in the primary and in each worker", () => {
    const out = cluster.out();
    assert.equal(count(out, /Configured for debug\./), 1);
    assert.equal(count(out, /^ {3}>> workers: 2$/m), 1);
    assert.equal(count(out, /Apogee has launched from/), 1);
    assert.equal(count(out, /liftoff in primary \d+/), 1);
    assert.equal(count(out, /liftoff in worker \d+/), 2);
    assert.ok(out.indexOf("liftoff in primary") < out.indexOf("Apogee has launched from"));
  });

  test("two worker processes answer, neither of them the primary", async () => {
    for (let i = 0; i < 6; i++) {
      const res = await fetchFresh(`${url}/pid`);
      assert.equal(res.status, 200);
      workers.add(res.body);
    }
    assert.equal(workers.size, 2, `pids: ${[...workers]}`);
    assert.ok(!workers.has(String(cluster.child.pid)));
  });

  test("a private cookie sealed by one worker opens in the other: they share one generated secret key", async () => {
    const sealed = await fetchFresh(`${url}/seal`);
    const cookie = sealed.setCookie[0]!.split(";", 1)[0]!;
    const other = await until("an answer from the other worker", async () => {
      const res = await fetchFresh(`${url}/open`, cookie);
      return res.body.startsWith(`${sealed.body}:`) ? undefined : res.body;
    });
    assert.match(other, new RegExp(`^\\d+: sealed by ${sealed.body}$`));
  });

  test("a killed worker is replaced by a new process on the same port", async () => {
    const [victim, survivor] = [...workers];
    process.kill(Number(victim), "SIGKILL");
    await until(
      "the replacement warning",
      () =>
        /Warning: Worker \d \(pid (\d+)\) was killed by SIGKILL: starting a new one\./.exec(
          cluster.err(),
        )?.[1],
    );
    assert.match(cluster.err(), new RegExp(`Worker \\d \\(pid ${victim}\\) was killed by SIGKILL`));
    const replacement = await until("an answer from the replacement", async () => {
      const { body } = await fetchFresh(`${url}/pid`);
      return body !== survivor && body !== victim ? body : undefined;
    });
    assert.match(cluster.out(), new RegExp(`Worker \\d \\(pid ${replacement}\\) is serving\\.`));
    workers.clear();
    workers.add(survivor!).add(replacement);
  });

  test("SIGTERM to the primary drains every worker: requests in flight finish, then all exit 0", async () => {
    const inFlight = Array.from({ length: 4 }, () => fetchFresh(`${url}/slow/800`));
    await sleep(300);
    cluster.child.kill("SIGTERM");
    const answers = await Promise.all(inFlight);
    for (const a of answers) assert.equal(a.status, 200);
    assert.equal(new Set(answers.map((a) => a.body)).size, 2, "both workers had requests in flight");
    assert.equal(await cluster.exited, 0);
    const out = cluster.out();
    assert.equal(count(out, /Received SIGTERM\. Shutting down gracefully\./), 1);
    assert.equal(count(out, /shutdown in primary \d+/), 1);
    assert.equal(count(out, /shutdown in worker \d+/), 2);
    assert.equal(count(out, /Graceful shutdown completed\./), 1);
    assert.ok(out.trimEnd().endsWith("Graceful shutdown completed."));
    await assert.rejects(fetchFresh(`${url}/pid`), /ECONNREFUSED/);
  });
});

describe("workers: shutdown, crashes and launch failures", () => {
  test("the Shutdown guard in one worker shuts every process down", async () => {
    const c = start();
    const url = await launched(c);
    const res = await fetchFresh(`${url}/shutdown`);
    assert.equal(res.status, 200);
    assert.equal(await c.exited, 0);
    assert.equal(count(c.out(), /shutdown in worker \d+/), 2);
    assert.equal(count(c.out(), /Graceful shutdown completed\./), 1);
  });

  test("a worker that keeps dying as it starts is retried with backoff, then the primary gives up and exits 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "apogee-crash-"));
    try {
      const c = start({ CRASH_AFTER: join(dir, "starts") });
      const url = await launched(c);
      const { body: victim } = await fetchFresh(`${url}/pid`);
      process.kill(Number(victim), "SIGKILL");
      assert.equal(await c.exited, 1);
      const err = c.err();
      assert.match(err, /Worker (\d) \(pid \d+\) was killed by SIGKILL: starting a new one\.\n/);
      assert.match(err, /Worker \d \(pid \d+\) exited with code 3: starting a new one in 100 ms\./);
      assert.match(err, /Worker \d \(pid \d+\) exited with code 3: starting a new one in 200 ms\./);
      assert.match(err, /Worker \d \(pid \d+\) exited with code 3: starting a new one in 400 ms\./);
      assert.match(
        err,
        /Error: Worker \d died 5 times in a row, each time within 10s of starting: giving up/,
      );
      assert.equal(count(c.out(), /Graceful shutdown completed\./), 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("workers serve TLS: HTTP/2 sessions reach both workers over https://", async () => {
    const pki = generatePki();
    try {
      const c = start({ APOGEE_TLS: `{certs = "${pki.certPath}", key = "${pki.keyPath}"}` });
      const url = await launched(c);
      assert.match(url, /^https:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(count(c.out(), /^ {3}>> tls: enabled w\/o mtls$/m), 1);
      const origin = url.replace("127.0.0.1", "localhost");
      const pids = new Set<string>();
      for (let i = 0; i < 6; i++) {
        const res = await h2request(origin, "/pid", { ca: pki.ca });
        assert.equal(res.alpn, "h2");
        assert.equal(res.status, 200);
        pids.add(res.body);
      }
      assert.equal(pids.size, 2, `pids: ${[...pids]}`);
      c.child.kill("SIGTERM");
      assert.equal(await c.exited, 0);
    } finally {
      pki.remove();
    }
  });

  test("a bind error in the workers is reported once by the primary, which exits non-zero", async () => {
    const taken: Server = createServer();
    await new Promise<void>((r) => taken.listen(0, "127.0.0.1", r));
    const port = (taken.address() as { port: number }).port;
    try {
      const c = start({ APOGEE_PORT: String(port) });
      assert.notEqual(await c.exited, 0);
      assert.equal(count(c.err(), /aborting due to socket bind error/), 1);
      assert.match(c.err(), new RegExp(`127\\.0\\.0\\.1:${port}: EADDRINUSE`));
      assert.doesNotMatch(c.out(), /has launched/);
    } finally {
      taken.close();
    }
  });
});
