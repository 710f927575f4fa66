import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { defaultCatcherBody, describeStatus } from "../src/catcher/default-catcher.ts";
import { Status } from "../src/http/status.ts";

const KNOWN_CODES = [
  400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 421, 422,
  426, 428, 429, 431, 451, 500, 501, 503, 504, 510,
];

const UNKNOWN_DESCRIPTION = "An unknown error has occurred.";

describe("defaultCatcherBody: HTML", () => {
  test("404 renders Rocket's exact page with the Apogee footer", () => {
    const expected =
      "<!DOCTYPE html>\n" +
      '<html lang="en">\n' +
      "<head>\n" +
      '    <meta charset="utf-8">\n' +
      '    <meta name="color-scheme" content="light dark">\n' +
      "    <title>404 Not Found</title>\n" +
      "</head>\n" +
      '<body align="center">\n' +
      '    <div role="main" align="center">\n' +
      "        <h1>404: Not Found</h1>\n" +
      "        <p>The requested resource could not be found.</p>\n" +
      "        <hr />\n" +
      "    </div>\n" +
      '    <div role="contentinfo" align="center">\n' +
      "        <small>Apogee</small>\n" +
      "    </div>\n" +
      "</body>\n" +
      "</html>";
    assert.deepEqual(defaultCatcherBody(404, false), {
      contentType: "text/html; charset=utf-8",
      body: expected,
    });
  });

  test("the footer says Apogee, never Rocket", () => {
    for (const code of [...KNOWN_CODES, 420, 599]) {
      const { body } = defaultCatcherBody(code, false);
      assert.ok(body.includes("<small>Apogee</small>"), `footer of ${code}`);
      assert.ok(!body.includes("Rocket"), `no Rocket in ${code}`);
    }
  });

  test("an unknown code renders Unknown Error with the generic description", () => {
    const { contentType, body } = defaultCatcherBody(599, false);
    assert.equal(contentType, "text/html; charset=utf-8");
    assert.ok(body.includes("    <title>599 Unknown Error</title>\n"));
    assert.ok(body.includes("        <h1>599: Unknown Error</h1>\n"));
    assert.ok(body.includes(`        <p>${UNKNOWN_DESCRIPTION}</p>\n`));
  });

  test("an unknown page differs from a known one only in code, reason and description", () => {
    const known = defaultCatcherBody(404, false).body;
    const unknown = defaultCatcherBody(420, false).body;
    const normalize = (s: string, code: string, reason: string, desc: string): string =>
      s.replaceAll(code, "C").replaceAll(reason, "R").replaceAll(desc, "D");
    assert.equal(
      normalize(unknown, "420", "Unknown Error", UNKNOWN_DESCRIPTION),
      normalize(known, "404", "Not Found", "The requested resource could not be found."),
    );
  });
});

describe("defaultCatcherBody: JSON", () => {
  test("404 renders Rocket's exact document", () => {
    const expected =
      "{\n" +
      '  "error": {\n' +
      '    "code": 404,\n' +
      '    "reason": "Not Found",\n' +
      '    "description": "The requested resource could not be found."\n' +
      "  }\n" +
      "}";
    assert.deepEqual(defaultCatcherBody(404, true), { contentType: "application/json", body: expected });
  });

  test("422 renders Rocket's exact document", () => {
    const expected =
      "{\n" +
      '  "error": {\n' +
      '    "code": 422,\n' +
      '    "reason": "Unprocessable Entity",\n' +
      '    "description": "The request was well-formed but was unable to be followed due to semantic errors."\n' +
      "  }\n" +
      "}";
    assert.deepEqual(defaultCatcherBody(422, true), { contentType: "application/json", body: expected });
  });

  test("an unknown code renders Unknown Error with the generic description", () => {
    for (const code of [420, 599]) {
      const { contentType, body } = defaultCatcherBody(code, true);
      assert.equal(contentType, "application/json");
      assert.deepEqual(JSON.parse(body), {
        error: { code, reason: "Unknown Error", description: UNKNOWN_DESCRIPTION },
      });
    }
  });

  test("every known code is valid JSON equal to JSON.stringify with 2-space indent", () => {
    for (const code of KNOWN_CODES) {
      const { body } = defaultCatcherBody(code, true);
      const { reason, description } = describeStatus(code);
      assert.equal(body, JSON.stringify({ error: { code, reason, description } }, null, 2));
    }
  });
});

describe("describeStatus", () => {
  test("every known code has its standard reason and its own description", () => {
    const seen = new Set<string>();
    for (const code of KNOWN_CODES) {
      const { reason, description } = describeStatus(code);
      assert.equal(reason, Status.reasonOf(code), `reason of ${code}`);
      assert.notEqual(description, UNKNOWN_DESCRIPTION, `description of ${code}`);
      assert.ok(description.endsWith("."), `description of ${code} is a sentence`);
      assert.ok(!seen.has(description), `description of ${code} is its own`);
      seen.add(description);
    }
    assert.equal(seen.size, 31);
  });

  test("Rocket's wording of a few descriptions", () => {
    assert.deepEqual(describeStatus(400), {
      reason: "Bad Request",
      description: "The request could not be understood by the server due to malformed syntax.",
    });
    assert.deepEqual(describeStatus(418), {
      reason: "I'm a teapot",
      description: "I was requested to brew coffee, and I am a teapot.",
    });
    assert.deepEqual(describeStatus(500), {
      reason: "Internal Server Error",
      description: "The server encountered an internal error while processing this request.",
    });
  });

  test("codes outside the table are Unknown Error, even standard ones", () => {
    for (const code of [420, 423, 502, 505, 511, 599, 600, 200]) {
      assert.deepEqual(describeStatus(code), { reason: "Unknown Error", description: UNKNOWN_DESCRIPTION });
    }
  });
});
