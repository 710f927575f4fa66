// The value syntaxes of configuration: byte sizes (Rocket's ByteUnit) and loose TOML in APOGEE_* variables.
import assert from "node:assert/strict";
import { connect } from "node:net";
import { describe, test } from "node:test";
import fc from "fast-check";
import { parseLooseValue } from "../src/config/loose-value.ts";
import { build, Figment, get, parseByteSize } from "../src/index.ts";
import { capture } from "./support/config.ts";

describe("byte sizes", () => {
  test("integers are bytes; units are decimal (kB) or binary (KiB), any case, spaces optional", () => {
    assert.equal(parseByteSize(8192), 8192);
    assert.equal(parseByteSize("123"), 123);
    assert.equal(parseByteSize("1 b"), 1);
    assert.equal(parseByteSize("64 kB"), 64_000);
    assert.equal(parseByteSize("64 KiB"), 65_536);
    assert.equal(parseByteSize("64kib"), 65_536);
    assert.equal(parseByteSize("2MiB"), 2 * 1024 * 1024);
    assert.equal(parseByteSize("3 MB"), 3_000_000);
    assert.equal(parseByteSize("8GiB"), 8 * 1024 ** 3);
    assert.equal(parseByteSize("1 tb"), 1e12);
    assert.equal(parseByteSize("0001MiB"), 1024 * 1024);
  });

  test("a fraction needs a unit above bytes and rounds down to whole bytes", () => {
    assert.equal(parseByteSize("1.5 MiB"), 1_572_864);
    assert.equal(parseByteSize("0.5KB"), 500);
    assert.equal(parseByteSize("7.25GB"), 7_250_000_000);
    assert.equal(parseByteSize("1.0001 KiB"), 1024);
    assert.equal(parseByteSize("1.2"), undefined);
    assert.equal(parseByteSize("1.2 B"), undefined);
  });

  test("anything else is not a size", () => {
    for (const bad of [
      "",
      "a",
      "amb",
      ".",
      ".23KiB",
      "1.2.3mb",
      "1.23bcc",
      "99k",
      "1 k b",
      "1kb2",
      "1MB ",
      " 1MB",
      "1.kb",
      "1.",
      "-1",
      "2 MB/s",
    ])
      assert.equal(parseByteSize(bad), undefined, bad);
    for (const bad of [-1, 1.5, Number.NaN, Infinity, 2 ** 60, true, null, [], {}])
      assert.equal(parseByteSize(bad), undefined, String(bad));
    assert.equal(parseByteSize("99999999 PiB"), undefined);
  });

  test("never throws, and whatever it accepts is a safe whole number of bytes", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double(), fc.integer()), (input) => {
        const out = parseByteSize(input);
        return out === undefined || (Number.isSafeInteger(out) && out >= 0);
      }),
    );
  });
});

describe("loose TOML values of environment variables", () => {
  test("booleans, integers, floats, quoted strings and characters", () => {
    assert.equal(parseLooseValue("true"), true);
    assert.equal(parseLooseValue("false"), false);
    assert.equal(parseLooseValue("8001"), 8001);
    assert.equal(parseLooseValue("-3"), -3);
    assert.equal(parseLooseValue("+3"), 3);
    assert.equal(parseLooseValue("1.5"), 1.5);
    assert.equal(parseLooseValue(" 42 "), 42);
    assert.equal(parseLooseValue('"8001"'), "8001");
    assert.equal(parseLooseValue("'x'"), "x");
  });

  test("lists and inline tables, with bare words as strings, nested", () => {
    assert.deepEqual(parseLooseValue("[1, 2]"), [1, 2]);
    assert.deepEqual(parseLooseValue("[term, hup]"), ["term", "hup"]);
    assert.deepEqual(parseLooseValue("[]"), []);
    assert.deepEqual(parseLooseValue('{json = "2 MiB", form=64 KiB}'), { json: "2 MiB", form: "64 KiB" });
    assert.deepEqual(parseLooseValue('{"file/jpg" = 5, file/png = 6}'), { "file/jpg": 5, "file/png": 6 });
    assert.deepEqual(parseLooseValue("{a = {b = [true, 1.5]}}"), { a: { b: [true, 1.5] } });
    assert.deepEqual(parseLooseValue("{}"), {});
  });

  test("input that does not parse as a whole is the raw string", () => {
    for (const raw of [
      "127.0.0.1",
      "/tmp/x",
      "trueish",
      "[1, 2",
      "{a = 1",
      "{a 1}",
      '"open',
      "hello world",
      "",
      "inf",
      "1_000",
    ])
      assert.equal(parseLooseValue(raw), raw, raw);
    assert.equal(parseLooseValue("99999999999999999999999"), "99999999999999999999999");
  });

  test("a key named __proto__ is data, never the prototype", () => {
    const v = parseLooseValue("{__proto__ = {polluted = true}}") as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(v), Object.prototype);
    assert.deepEqual(Object.keys(v), ["__proto__"]);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  test("never throws", () => {
    fc.assert(fc.property(fc.string(), (s) => parseLooseValue(s) !== undefined));
  });
});

describe("keep_alive on a real socket", () => {
  function twoRequests(port: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, "127.0.0.1", () =>
        socket.write("GET / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n"),
      );
      const chunks: Buffer[] = [];
      socket.on("data", (c) => chunks.push(c));
      socket.on("end", () => resolve(Buffer.concat(chunks).toString("latin1")));
      socket.on("error", reject);
      setTimeout(() => socket.end(), 500).unref();
    });
  }

  test("keep_alive = 0 disables keep-alive: the connection closes after one response", async () => {
    const index = get("/", () => "hi");
    for (const [keepAlive, responses] of [
      [0, 1],
      [5, 2],
    ] as const) {
      const orbit = await build()
        .configure(Figment.from({ port: 0, keep_alive: keepAlive, log_level: "off" }))
        .logTo(capture().sink)
        .mount("/", [index])
        .launch();
      try {
        const text = await twoRequests(orbit.port);
        assert.equal(text.split("HTTP/1.1 200 OK").length - 1, responses, text);
        if (keepAlive === 0) assert.match(text, /\r\nconnection: close\r\n/i);
      } finally {
        await orbit.shutdown();
      }
    }
  });
});
