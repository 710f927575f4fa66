import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

function run(file: string) {
  const child = spawn(process.execPath, ["--import", "tsx", file], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c) => {
    stdout += c;
  });
  child.stderr.on("data", (c) => {
    stderr += c;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

describe("the launched process", () => {
  it("aborts a colliding launch naming both routes, and exits non-zero", async () => {
    const p = run(fixture("colliding-app.ts"));
    const code = await p.exited;
    assert.notEqual(code, 0);
    const err = p.err();
    assert.match(
      err,
      /\(first\) GET \/<a> \(.*colliding-app\.ts:4\) collides with \(second\) GET \/<b> \(.*colliding-app\.ts:5\)/,
    );
    assert.match(err, /aborting due to detected routing collisions/);
    assert.doesNotMatch(p.out(), /has launched/);
  });

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`shuts down gracefully on ${signal} and exits 0`, async () => {
      const p = run(fixture("signal-app.ts"));
      const deadline = Date.now() + 20_000;
      while (!/Apogee has launched from http:\/\/127\.0\.0\.1:\d+/.test(p.out())) {
        assert.ok(Date.now() < deadline, `no launch line in: ${p.out()}${p.err()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(p.out())![1]!;
      assert.equal(await (await fetch(url)).text(), "up");
      p.child.kill(signal);
      assert.equal(await p.exited, 0);
      assert.match(p.out(), new RegExp(`Received ${signal}\\. Shutting down gracefully\\.`));
      assert.match(p.out(), /Graceful shutdown completed\./);
    });
  }
});
