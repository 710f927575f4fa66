// apogee/auth's `jwt` guard: every outcome (absent, malformed, expired, not yet valid, foreign key, wrong
// algorithm, issuer, audience or claims), typed claims, issuing tokens, asymmetric keys and JWKS (local and served).
import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, describe, test } from "node:test";
import { exportJWK, SignJWT, UnsecuredJWT } from "jose";
import { z } from "zod";
import { AuthError, jwt, role } from "../src/auth/index.ts";
import { Client, get, result, type StandardSchema } from "../src/index.ts";
import { capture } from "./support/config.ts";
import { expectDefaultCatcher, expectResponse, JSON_TYPE, quietApp, TEXT } from "./support/local.ts";

const SECRET = "a-very-long-secret-of-at-least-32-bytes!";
const Claims = z.object({ sub: z.string(), admin: z.boolean().default(false) });
const Bearer = jwt({ secret: SECRET, issuer: "books", audience: "books-api", claims: Claims });

const me = get("/me", { user: Bearer }, ({ user }) => ({ sub: user.sub, admin: user.admin }));
const anonymous = get({ uri: "/me", rank: 2 }, () => "anonymous");
const only = get("/only", { user: Bearer }, ({ user }) => user.sub);
const why = get("/why", { user: result(Bearer) }, ({ user }) =>
  user.ok ? `ok ${user.value.sub}` : `refused: ${user.error.code}: ${user.error.message}`,
);

async function client() {
  return Client.untracked(quietApp([me, anonymous, only, why]));
}

const key = new TextEncoder().encode(SECRET);
const now = () => Math.floor(Date.now() / 1000);

/** A token signed with `secret` (default: the app's), with the app's issuer and audience unless overridden. */
function token(
  claims: Record<string, unknown> = { sub: "alice" },
  opts: { alg?: string; secret?: string; iss?: string; aud?: string; exp?: number; nbf?: number } = {},
) {
  let t = new SignJWT(claims)
    .setProtectedHeader({ alg: opts.alg ?? "HS256" })
    .setIssuedAt()
    .setIssuer(opts.iss ?? "books")
    .setAudience(opts.aud ?? "books-api")
    .setExpirationTime(opts.exp ?? now() + 600);
  if (opts.nbf !== undefined) t = t.setNotBefore(opts.nbf);
  return t.sign(opts.secret === undefined ? key : new TextEncoder().encode(opts.secret));
}

const invalid = (description: string) => `Bearer error="invalid_token", error_description="${description}"`;

describe("jwt: the guard's outcomes", () => {
  test("a valid token yields its claims, typed and defaulted by the schema", async () => {
    const c = await client();
    const res = await c
      .get("/me")
      .header("authorization", `Bearer ${await token()}`)
      .dispatch();
    await expectResponse(res, {
      status: 200,
      contentType: JSON_TYPE,
      body: '{"sub":"alice","admin":false}',
      headers: { "www-authenticate": null },
    });
  });

  test("the scheme is matched case-insensitively, with any spaces before the token", async () => {
    const c = await client();
    const res = await c
      .get("/only")
      .header("authorization", `bearer   ${await token()}`)
      .dispatch();
    await expectResponse(res, { status: 200, contentType: TEXT, body: "alice" });
  });

  test("no Authorization header forwards 401: a lower-ranked route answers, without a challenge", async () => {
    const c = await client();
    await expectResponse(await c.get("/me").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "anonymous",
      headers: { "www-authenticate": null },
    });
  });

  test("no Authorization header and no other route: 401 with `WWW-Authenticate: Bearer`", async () => {
    const c = await client();
    await expectDefaultCatcher(await c.get("/only").dispatch(), 401, false, { "www-authenticate": "Bearer" });
  });

  test("another scheme (Basic) counts as no token", async () => {
    const c = await client();
    const res = await c.get("/me").header("authorization", "Basic YWxpY2U6c2VjcmV0").dispatch();
    await expectResponse(res, { status: 200, contentType: TEXT, body: "anonymous" });
  });

  test("a malformed token fails 401 (no forward), with an invalid_token challenge", async () => {
    const c = await client();
    for (const header of ["Bearer", "Bearer abc", "Bearer a.b.c", "Bearer !!!", "Bearer a b"]) {
      const res = await c.get("/me").header("authorization", header).dispatch();
      await expectDefaultCatcher(res, 401, false, {
        "www-authenticate": invalid("the token is not a valid JWT"),
      });
    }
  });

  test("an expired token fails 401: the token has expired", async () => {
    const c = await client();
    const expired = await token({ sub: "alice" }, { exp: now() - 10 });
    const res = await c.get("/me").header("authorization", `Bearer ${expired}`).dispatch();
    await expectDefaultCatcher(res, 401, false, { "www-authenticate": invalid("the token has expired") });
  });

  test("a token not valid yet (nbf in the future) fails 401", async () => {
    const c = await client();
    const early = await token({ sub: "alice" }, { nbf: now() + 300 });
    const res = await c.get("/me").header("authorization", `Bearer ${early}`).dispatch();
    await expectDefaultCatcher(res, 401, false, {
      "www-authenticate": invalid("the token is not valid yet"),
    });
  });

  test("a token signed with a foreign key fails 401: the signature does not verify", async () => {
    const c = await client();
    const foreign = await token({ sub: "mallory" }, { secret: "another-secret-that-is-32-bytes-long!!" });
    const res = await c.get("/me").header("authorization", `Bearer ${foreign}`).dispatch();
    await expectDefaultCatcher(res, 401, false, {
      "www-authenticate": invalid("the signature does not verify"),
    });
  });

  test("a token whose payload was altered fails 401", async () => {
    const c = await client();
    const [h, , s] = (await token()).split(".");
    const forged = Buffer.from(JSON.stringify({ sub: "root", admin: true, iss: "books", aud: "books-api" }));
    const res = await c
      .get("/me")
      .header("authorization", `Bearer ${h}.${forged.toString("base64url")}.${s}`)
      .dispatch();
    await expectDefaultCatcher(res, 401, false, {
      "www-authenticate": invalid("the signature does not verify"),
    });
  });

  test("an algorithm not allowed (HS512 when HS256 is expected, or none) fails 401", async () => {
    const c = await client();
    const hs512 = await token({ sub: "alice" }, { alg: "HS512" });
    const res = await c.get("/me").header("authorization", `Bearer ${hs512}`).dispatch();
    await expectDefaultCatcher(res, 401, false, {
      "www-authenticate": invalid("the token's algorithm is not allowed"),
    });
    const none = new UnsecuredJWT({ sub: "alice" }).setIssuer("books").setAudience("books-api").encode();
    const res2 = await c.get("/me").header("authorization", `Bearer ${none}`).dispatch();
    assert.equal(res2.status, 401);
  });

  test("a wrong issuer or audience fails 401, naming the claim", async () => {
    const c = await client();
    for (const [opts, claim] of [
      [{ iss: "other" }, "iss"],
      [{ aud: "other-api" }, "aud"],
    ] as const) {
      const t = await token({ sub: "alice" }, opts);
      const res = await c.get("/me").header("authorization", `Bearer ${t}`).dispatch();
      await expectDefaultCatcher(res, 401, false, {
        "www-authenticate": invalid(`the \\"${claim}\\" claim is not accepted`),
      });
    }
  });

  test("claims the schema refuses fail 401", async () => {
    const c = await client();
    const t = await token({ admin: "yes" });
    const res = await c.get("/me").header("authorization", `Bearer ${t}`).dispatch();
    assert.equal(res.status, 401);
    assert.match(
      res.headers.get("www-authenticate") ?? "",
      /^Bearer error="invalid_token", error_description="the claims do not match the schema: .+"$/,
    );
    const why = await c.get("/why").header("authorization", `Bearer ${t}`).dispatch();
    assert.match(await why.text(), /^refused: claims: the claims do not match the schema: /);
  });

  test("result(guard) hands the AuthError to the handler", async () => {
    const c = await client();
    const expired = await token({ sub: "alice" }, { exp: now() - 10 });
    const res = await c.get("/why").header("authorization", `Bearer ${expired}`).dispatch();
    await expectResponse(res, {
      status: 200,
      contentType: TEXT,
      body: "refused: expired: the token has expired",
    });
  });

  test("the token is verified once per request, however many guards use it", async () => {
    let checks = 0;
    const counting: StandardSchema<unknown, { sub: string }> = {
      "~standard": {
        version: 1,
        vendor: "test",
        validate: (v) => {
          checks++;
          return { value: v as { sub: string } };
        },
      },
    };
    const Counted = jwt({ secret: SECRET, claims: counting });
    const Admin = role(Counted, (c) => c.sub === "alice");
    const route = get("/twice", { a: Counted, b: Admin }, ({ a, b }) => `${a.sub} ${b.sub}`);
    const c = await Client.untracked(quietApp([route]));
    const t = await Counted.sign({ sub: "alice" });
    const res = await c.get("/twice").header("authorization", `Bearer ${t}`).dispatch();
    await expectResponse(res, { status: 200, contentType: TEXT, body: "alice alice" });
    assert.equal(checks, 1);
  });

  test("a realm and another scheme name appear in the challenge", async () => {
    const Token = jwt({ secret: SECRET, scheme: "Token", realm: "books" });
    const route = get("/t", { t: Token }, () => "ok");
    const c = await Client.untracked(quietApp([route]));
    await expectDefaultCatcher(await c.get("/t").dispatch(), 401, false, {
      "www-authenticate": 'Token realm="books"',
    });
    const good = await Token.sign({ sub: "x" });
    const res = await c.get("/t").header("authorization", `Token ${good}`).dispatch();
    assert.equal(res.status, 200);
    const bad = await c.get("/t").header("authorization", "Token x.y.z").dispatch();
    assert.equal(
      bad.headers.get("www-authenticate"),
      'Token realm="books", error="invalid_token", error_description="the token is not a valid JWT"',
    );
  });
});

describe("jwt: issuing tokens", () => {
  test("sign() issues a token the guard accepts, with iat, exp, iss, aud and sub", async () => {
    const t = await Bearer.sign({ admin: true }, { subject: "bob", expiresIn: "2h" });
    const payload = JSON.parse(Buffer.from(t.split(".")[1]!, "base64url").toString());
    assert.deepEqual(Object.keys(payload).sort(), ["admin", "aud", "exp", "iat", "iss", "sub"]);
    assert.equal(payload.iss, "books");
    assert.equal(payload.aud, "books-api");
    assert.equal(payload.sub, "bob");
    assert.equal(payload.exp - payload.iat, 7200);
    const c = await client();
    const res = await c.get("/me").header("authorization", `Bearer ${t}`).dispatch();
    await expectResponse(res, { status: 200, contentType: JSON_TYPE, body: '{"sub":"bob","admin":true}' });
  });

  test("a lifetime in seconds; a key id in the header", async () => {
    const t = await Bearer.sign({ sub: "x" }, { expiresIn: 30, keyId: "k1" });
    const header = JSON.parse(Buffer.from(t.split(".")[0]!, "base64url").toString());
    assert.deepEqual(header, { alg: "HS256", kid: "k1" });
    const payload = JSON.parse(Buffer.from(t.split(".")[1]!, "base64url").toString());
    assert.equal(payload.exp - payload.iat, 30);
  });

  test("a guard made from a JWKS cannot sign", async () => {
    const Remote = jwt({ jwks: { keys: [] } });
    await assert.rejects(Remote.sign({ sub: "x" }), /signing needs a `secret`, or a `privateKey`/);
  });

  test("mistakes in the options throw at definition", () => {
    assert.throws(() => jwt({ secret: "short" }), /the secret must be at least 32 bytes \(256 bits\), got 5/);
    assert.throws(() => jwt({}), /give exactly one of `secret`, `publicKey` or `jwks`/);
    assert.throws(
      () => jwt({ secret: SECRET, jwks: "https://example.com/jwks.json" }),
      /give exactly one of `secret`, `publicKey` or `jwks`/,
    );
    assert.throws(() => jwt({ secret: SECRET, claims: {} as never }), /`claims` must be a Standard Schema/);
  });
});

describe("jwt: asymmetric keys and JWKS", () => {
  const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const ec = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const other = generateKeyPairSync("rsa", { modulusLength: 2048 });

  test("RS256 with a key pair: signed with the private key, verified with the public one", async () => {
    const pem = rsa.publicKey.export({ type: "spki", format: "pem" }).toString();
    const Rsa = jwt({ publicKey: pem, privateKey: rsa.privateKey, algorithms: ["RS256"] });
    const route = get("/r", { u: Rsa }, ({ u }) => String(u.sub));
    const c = await Client.untracked(quietApp([route]));
    const t = await Rsa.sign({ sub: "carol" });
    assert.equal(JSON.parse(Buffer.from(t.split(".")[0]!, "base64url").toString()).alg, "RS256");
    await expectResponse(await c.get("/r").header("authorization", `Bearer ${t}`).dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "carol",
    });
    const foreign = await new SignJWT({ sub: "mallory" })
      .setProtectedHeader({ alg: "RS256" })
      .setExpirationTime("1h")
      .sign(other.privateKey);
    const res = await c.get("/r").header("authorization", `Bearer ${foreign}`).dispatch();
    await expectDefaultCatcher(res, 401, false, {
      "www-authenticate": invalid("the signature does not verify"),
    });
    // The public key used as an HMAC secret (algorithm confusion) is refused.
    const confused = await new SignJWT({ sub: "mallory" })
      .setProtectedHeader({ alg: "HS256" })
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode(pem));
    const res2 = await c.get("/r").header("authorization", `Bearer ${confused}`).dispatch();
    await expectDefaultCatcher(res2, 401, false, {
      "www-authenticate": invalid("the token's algorithm is not allowed"),
    });
  });

  test("the signing algorithm follows the private key (ES256 for P-256)", async () => {
    const Ec = jwt({ publicKey: ec.publicKey, privateKey: ec.privateKey });
    const t = await Ec.sign({ sub: "dave" });
    assert.equal(JSON.parse(Buffer.from(t.split(".")[0]!, "base64url").toString()).alg, "ES256");
    const route = get("/e", { u: Ec }, ({ u }) => String(u.sub));
    const c = await Client.untracked(quietApp([route]));
    assert.equal(await (await c.get("/e").header("authorization", `Bearer ${t}`).dispatch()).text(), "dave");
  });

  test("a local JWKS: the key is found by kid; an unknown kid is a foreign key", async () => {
    const jwk = { ...(await exportJWK(rsa.publicKey)), kid: "main", alg: "RS256" };
    const Jwks = jwt({ jwks: { keys: [jwk] }, privateKey: rsa.privateKey });
    const route = get("/j", { u: Jwks }, ({ u }) => String(u.sub));
    const c = await Client.untracked(quietApp([route]));
    const good = await Jwks.sign({ sub: "erin" }, { keyId: "main" });
    assert.equal(
      await (await c.get("/j").header("authorization", `Bearer ${good}`).dispatch()).text(),
      "erin",
    );
    const unknown = await new SignJWT({ sub: "x" })
      .setProtectedHeader({ alg: "RS256", kid: "stolen" })
      .setExpirationTime("1h")
      .sign(other.privateKey);
    const res = await c.get("/j").header("authorization", `Bearer ${unknown}`).dispatch();
    await expectDefaultCatcher(res, 401, false, {
      "www-authenticate": invalid("no trusted key matches the token"),
    });
  });

  describe("a JWKS served over HTTP", async () => {
    const jwk = { ...(await exportJWK(rsa.publicKey)), kid: "served", alg: "RS256" };
    let fetches = 0;
    const server: Server = createServer((_req, res) => {
      fetches++;
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    after(() => server.close());
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;

    test("tokens are verified against the fetched keys, fetched once", async () => {
      const Remote = jwt({ jwks: url, issuer: "idp" });
      const route = get("/remote", { u: Remote }, ({ u }) => String(u.sub));
      const c = await Client.untracked(quietApp([route]));
      for (const sub of ["frank", "grace"]) {
        const t = await new SignJWT({ sub })
          .setProtectedHeader({ alg: "RS256", kid: "served" })
          .setIssuer("idp")
          .setExpirationTime("1h")
          .sign(rsa.privateKey);
        assert.equal(
          await (await c.get("/remote").header("authorization", `Bearer ${t}`).dispatch()).text(),
          sub,
        );
      }
      assert.equal(fetches, 1);
    });

    test("an unreachable JWKS is the server's problem: 500, logged", async () => {
      const log = capture();
      const Down = jwt({ jwks: "http://127.0.0.1:9/jwks.json" });
      const route = get("/down", { u: Down }, () => "never");
      const c = await Client.untracked(
        quietApp([route]).configure({ log_level: "critical" }).logTo(log.sink),
      );
      const t = await new SignJWT({ sub: "x" })
        .setProtectedHeader({ alg: "RS256", kid: "served" })
        .setExpirationTime("1h")
        .sign(rsa.privateKey);
      await expectDefaultCatcher(await c.get("/down").header("authorization", `Bearer ${t}`).dispatch(), 500);
      assert.ok(
        log.err.some((l) => l.startsWith("Error: Guard `bearerAuth`: the verification keys are unavailable")),
        log.err.join("\n"),
      );
    });
  });
});

describe("AuthError", () => {
  test("prints as code and message", () => {
    assert.equal(String(new AuthError("expired", "the token has expired")), "expired: the token has expired");
  });
});
