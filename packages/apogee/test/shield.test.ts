// Shield (ROCKET.md §9): the default policies, every optional policy's exact header, replacing the default Shield,
// never overwriting a response's own header, and HSTS turned on by itself under TLS outside `debug`.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  build,
  Client,
  ExpectCt,
  Frame,
  get,
  Hsts,
  NoSniff,
  Permission,
  Prefetch,
  Referrer,
  respond,
  Shield,
  type ShieldPolicy,
  XssFilter,
} from "../src/index.ts";
import { expectResponse, quietApp, STANDARD_HEADERS, TEXT } from "./support/local.ts";

const home = get("/", () => "home");

async function headersWith(shield: Shield): Promise<Record<string, string | null>> {
  const client = await Client.untracked(quietApp([home]).attach(shield));
  const res = await client.get("/").dispatch();
  const names = [
    "x-content-type-options",
    "x-frame-options",
    "permissions-policy",
    "strict-transport-security",
    "referrer-policy",
    "x-dns-prefetch-control",
    "x-xss-protection",
    "expect-ct",
  ];
  const out: Record<string, string | null> = {};
  for (const n of names) {
    const v = res.headers.get(n);
    if (v !== undefined) out[n] = v;
  }
  return out;
}

function value(p: ShieldPolicy): string {
  return `${p.header}: ${p.value}`;
}

describe("Shield's policies", () => {
  test("the default Shield adds exactly its three headers", async () => {
    assert.deepEqual(await headersWith(Shield.default()), {
      "x-content-type-options": "nosniff",
      "x-frame-options": "SAMEORIGIN",
      "permissions-policy": "interest-cohort=()",
    });
  });

  test("Hsts: max-age of a year by default; includeSubDomains; preload implies subdomains and at least a year", () => {
    assert.equal(value(Hsts()), "Strict-Transport-Security: max-age=31536000");
    assert.equal(value(Hsts({ maxAge: 60 })), "Strict-Transport-Security: max-age=60");
    assert.equal(
      value(Hsts({ maxAge: 60, includeSubDomains: true })),
      "Strict-Transport-Security: max-age=60; includeSubDomains",
    );
    assert.equal(
      value(Hsts({ maxAge: 60, preload: true })),
      "Strict-Transport-Security: max-age=31536000; includeSubDomains; preload",
    );
    assert.equal(
      value(Hsts({ maxAge: 63072000, preload: true })),
      "Strict-Transport-Security: max-age=63072000; includeSubDomains; preload",
    );
    assert.throws(() => Hsts({ maxAge: -1 }), {
      message: "Hsts maxAge must be a whole number of seconds, got -1",
    });
  });

  test("Referrer: no-referrer by default, any policy by name", () => {
    assert.equal(value(Referrer()), "Referrer-Policy: no-referrer");
    assert.equal(
      value(Referrer("strict-origin-when-cross-origin")),
      "Referrer-Policy: strict-origin-when-cross-origin",
    );
  });

  test("Prefetch: off by default, or on", () => {
    assert.equal(value(Prefetch()), "X-DNS-Prefetch-Control: off");
    assert.equal(value(Prefetch("on")), "X-DNS-Prefetch-Control: on");
  });

  test("XssFilter: 1 by default, 1; mode=block, or 0", () => {
    assert.equal(value(XssFilter()), "X-XSS-Protection: 1");
    assert.equal(value(XssFilter("block")), "X-XSS-Protection: 1; mode=block");
    assert.equal(value(XssFilter("disable")), "X-XSS-Protection: 0");
  });

  test("ExpectCt: enforce for 30 days by default; report-only and report-and-enforce with a report-uri", () => {
    assert.equal(value(ExpectCt()), "Expect-CT: max-age=2592000, enforce");
    assert.equal(
      value(ExpectCt({ maxAge: 10, enforce: false, reportUri: "https://r.example/ct" })),
      'Expect-CT: max-age=10, report-uri="https://r.example/ct"',
    );
    assert.equal(
      value(ExpectCt({ reportUri: "https://r.example/ct" })),
      'Expect-CT: max-age=2592000, enforce, report-uri="https://r.example/ct"',
    );
    assert.throws(() => ExpectCt({ enforce: false }), {
      message: "ExpectCt: without `enforce`, a `reportUri` is needed (report-only mode)",
    });
  });

  test("Frame and NoSniff", () => {
    assert.equal(value(Frame()), "X-Frame-Options: SAMEORIGIN");
    assert.equal(value(Frame("DENY")), "X-Frame-Options: DENY");
    assert.equal(value(NoSniff()), "X-Content-Type-Options: nosniff");
  });

  test("Permission: blocks FLoC by default; features are allowed for self, any or origins, or blocked", () => {
    assert.equal(value(Permission.default()), "Permissions-Policy: interest-cohort=()");
    const p = Permission.default()
      .block("usb")
      .allow("camera", ["self", "https://rocket.rs:8443/path"])
      .allow("payment", ["self", "*"])
      .allow("geolocation", "self");
    assert.equal(
      value(p),
      'Permissions-Policy: interest-cohort=(), usb=(), camera=(self "https://rocket.rs:8443"), payment=(*), geolocation=(self)',
    );
    assert.equal(value(Permission.allowed("usb", "self").block("usb")), "Permissions-Policy: usb=()");
    assert.throws(() => Permission.allowed("usb", "rocket.rs"), {
      message: 'Permission: "rocket.rs" is not "self", "*" or an absolute origin URL',
    });
  });
});

describe("attaching Shield", () => {
  test("Shield.new() replaces the default Shield: no security headers at all", async () => {
    assert.deepEqual(await headersWith(Shield.new()), {});
  });

  test("enable adds policies, replacing one for the same header; disable removes one", async () => {
    const shield = Shield.default()
      .enable(Hsts({ preload: true }))
      .enable(Referrer())
      .enable(Prefetch())
      .enable(XssFilter("block"))
      .enable(ExpectCt())
      .enable(Frame("DENY"))
      .disable(Permission);
    assert.equal(shield.isEnabled(Permission), false);
    assert.equal(shield.isEnabled("x-frame-options"), true);
    assert.deepEqual(await headersWith(shield), {
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
      "strict-transport-security": "max-age=31536000; includeSubDomains; preload",
      "referrer-policy": "no-referrer",
      "x-dns-prefetch-control": "off",
      "x-xss-protection": "1; mode=block",
      "expect-ct": "max-age=2592000, enforce",
    });
  });

  test("a header the response set is never overwritten, and Shield warns about it", async () => {
    const errors: string[] = [];
    const framed = get("/", () =>
      respond("framed", { headers: { "X-Frame-Options": "DENY", "Referrer-Policy": "origin" } }),
    );
    const client = await Client.untracked(
      build()
        .configure({ log_level: "critical" })
        .logTo({ out: () => {}, err: (l) => errors.push(l) })
        .mount("/", [framed])
        .attach(Shield.default().enable(Referrer())),
    );
    await expectResponse(await client.get("/").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "framed",
      standard: false,
      headers: {
        "x-frame-options": "DENY",
        "referrer-policy": "origin",
        "x-content-type-options": STANDARD_HEADERS["x-content-type-options"]!,
      },
    });
    assert.deepEqual(
      errors.filter((l) => l.includes("Shield")),
      [
        "Warning: Shield: the response has a 'x-frame-options' header; refusing to overwrite it.",
        "Warning: Shield: the response has a 'referrer-policy' header; refusing to overwrite it.",
      ],
    );
  });

  test("the launch banner lists the policies in force", async () => {
    const out: string[] = [];
    await Client.untracked(
      build()
        .configure({ log_level: "normal" })
        .logTo({ out: (l) => out.push(l), err: () => {} })
        .attach(Shield.new().enable(Referrer()).enable(Prefetch("on"))),
    );
    const at = out.indexOf("Shield:");
    assert.deepEqual(out.slice(at, at + 3), [
      "Shield:",
      "   >> Referrer-Policy: no-referrer",
      "   >> X-DNS-Prefetch-Control: on",
    ]);
  });
});

describe("HSTS under TLS", () => {
  const PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
  const SECRET = Buffer.alloc(32, 7).toString("base64");

  async function launchWith(profile: string, tls: boolean, shield?: Shield) {
    const warnings: string[] = [];
    let app = build()
      .configure({
        log_level: "critical",
        profile,
        secret_key: SECRET,
        ...(tls ? { tls: { certs: PEM, key: PEM } } : {}),
      })
      .logTo({ out: () => {}, err: (l) => warnings.push(l) })
      .mount("/", [home]);
    if (shield !== undefined) app = app.attach(shield);
    const client = await Client.untracked(app);
    const res = await client.get("/").dispatch();
    return { hsts: res.headers.get("strict-transport-security") ?? null, warnings };
  }

  test("with TLS outside debug and no HSTS policy, Shield adds max-age=31536000 and warns", async () => {
    const { hsts, warnings } = await launchWith("release", true);
    assert.equal(hsts, "max-age=31536000");
    assert.deepEqual(warnings, [
      "Warning: Detected TLS-enabled liftoff without enabling HSTS.",
      "Warning: Shield has enabled a default HSTS policy (configure one to remove this warning).",
    ]);
  });

  test("a configured HSTS policy is kept, without a warning", async () => {
    const { hsts, warnings } = await launchWith(
      "release",
      true,
      Shield.default().enable(Hsts({ maxAge: 60 })),
    );
    assert.equal(hsts, "max-age=60");
    assert.deepEqual(warnings, []);
  });

  test("not in debug, nor without TLS", async () => {
    assert.equal((await launchWith("debug", true)).hsts, null);
    assert.equal((await launchWith("release", false)).hsts, null);
  });
});
