// The whole API flow, written once against a tiny transport so the same assertions run through the local client
// (SQLite) and over a real socket (PostgreSQL): accounts, tokens, each user's own shelf, pagination, filters,
// sorting, validation, the 404-not-403 rule and JSON errors.
import assert from "node:assert/strict";
import { timeless } from "./support.ts";

/** One request: method, path, optional bearer token and JSON body. */
export interface Call {
  readonly token?: string;
  readonly json?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** One answer: status, a header lookup, the body text. */
export interface Answer {
  readonly status: number;
  header(name: string): string | undefined;
  readonly text: string;
}

/** Sends a request through some transport. */
export type Send = (method: string, path: string, call?: Call) => Promise<Answer>;

const PASSWORD = "correct horse battery";
const JSON_TYPE = "application/json";

async function token(send: Send, email: string): Promise<string> {
  const res = await send("POST", "/accounts", { json: { email, password: PASSWORD } });
  assert.equal(res.status, 201, res.text);
  assert.equal(res.header("location"), "/accounts/me");
  const body = JSON.parse(res.text) as { token: string; token_type: string; expires_in: number };
  assert.deepEqual(body, { token: body.token, token_type: "Bearer", expires_in: 7200 });
  return body.token;
}

function book(res: Answer): Record<string, unknown> & { id: number } {
  return JSON.parse(res.text) as Record<string, unknown> & { id: number };
}

/** Runs the flow; `send` must reach a fresh database. */
export async function apiFlow(send: Send): Promise<void> {
  // Accounts: register, the email taken, a bad password, log in.
  const ada = await token(send, "ada@example.com");
  let res = await send("POST", "/accounts", { json: { email: "ADA@example.com", password: PASSWORD } });
  assert.equal(res.status, 409);
  assert.equal(res.header("content-type"), JSON_TYPE);
  assert.equal(
    res.text,
    '{"error":{"code":409,"reason":"Conflict","description":"An account with this email exists."}}',
  );
  res = await send("POST", "/accounts", { json: { email: "not an email", password: "short" } });
  assert.equal(res.status, 422);
  assert.deepEqual(
    (JSON.parse(res.text) as { error: { errors: { name: string; code: string }[] } }).error.errors.map(
      (e) => [e.name, e.code],
    ),
    [
      ["email", "schema"],
      ["password", "schema"],
    ],
  );
  res = await send("POST", "/tokens", { json: { email: "ada@example.com", password: "wrong password" } });
  assert.equal(res.status, 401);
  assert.equal(
    res.text,
    '{"error":{"code":401,"reason":"Unauthorized","description":"Sign in first: a bearer token from POST /tokens, or the session cookie from POST /session."}}',
  );
  res = await send("POST", "/tokens", { json: { email: "nobody@example.com", password: PASSWORD } });
  assert.equal(res.status, 401);
  res = await send("POST", "/tokens", { json: { email: "ada@example.com", password: PASSWORD } });
  assert.equal(res.status, 200);
  const again = (JSON.parse(res.text) as { token: string }).token;
  res = await send("GET", "/accounts/me", { token: again });
  assert.equal(res.status, 200);
  assert.equal(res.text, '{"id":1,"email":"ada@example.com"}');
  const bob = await token(send, "bob@example.com");

  // No credentials, a forged token.
  res = await send("GET", "/books");
  assert.equal(res.status, 401);
  assert.equal(res.header("www-authenticate"), "Bearer");
  assert.equal(
    res.text,
    '{"error":{"code":401,"reason":"Unauthorized","description":"Sign in first: a bearer token from POST /tokens, or the session cookie from POST /session."}}',
  );
  res = await send("GET", "/books", { token: `${ada.slice(0, -2)}xx` });
  assert.equal(res.status, 401);
  assert.match(res.header("www-authenticate") ?? "", /^Bearer error="invalid_token"/);

  // Adding books: 201 with the Location of the new book.
  res = await send("POST", "/books", {
    token: ada,
    json: { title: "Kindred", author: "Octavia E. Butler", year: 1979 },
  });
  assert.equal(res.status, 201);
  assert.equal(res.header("location"), "/books/1");
  assert.equal(res.header("content-type"), JSON_TYPE);
  assert.equal(
    timeless(res.text),
    '{"id":1,"owner_id":1,"title":"Kindred","author":"Octavia E. Butler","year":1979,"notes":"","created_at":"<time>","updated_at":"<time>"}',
  );
  const shelf = [
    { title: "Parable of the Sower", author: "Octavia E. Butler", year: 1993, notes: "Earthseed" },
    { title: "The Dispossessed", author: "Ursula K. Le Guin", year: 1974 },
    { title: "A Wizard of Earthsea", author: "Ursula K. Le Guin", year: 1968 },
  ];
  for (const b of shelf) assert.equal((await send("POST", "/books", { token: ada, json: b })).status, 201);
  res = await send("POST", "/books", { token: bob, json: { title: "Bob's own", author: "Bob" } });
  assert.equal(res.status, 201);
  const bobsBook = book(res).id;
  assert.equal(res.header("location"), `/books/${bobsBook}`);

  // Validation: 422 with the fields.
  res = await send("POST", "/books", { token: ada, json: { title: " ", author: "X", year: 1.5 } });
  assert.equal(res.status, 422);
  assert.equal(
    res.text,
    '{"error":{"code":422,"reason":"Unprocessable Entity","description":"Some values are invalid.","errors":[' +
      '{"name":"title","code":"schema","message":"Too small: expected string to have >=1 characters"},' +
      '{"name":"year","code":"schema","message":"Invalid input: expected int, received number"}]}}',
  );

  // Listing: pagination, filters, sorting; only your own books.
  const titles = async (query: string, who = ada) => {
    const r = await send("GET", `/books${query}`, { token: who });
    assert.equal(r.status, 200, r.text);
    const page = JSON.parse(r.text) as {
      items: { title: string }[];
      page: number;
      per_page: number;
      total: number;
    };
    return [page.items.map((b) => b.title), page.page, page.per_page, page.total];
  };
  assert.deepEqual(await titles(""), [
    ["A Wizard of Earthsea", "The Dispossessed", "Parable of the Sower", "Kindred"],
    1,
    20,
    4,
  ]);
  assert.deepEqual(await titles("?sort=title&per_page=2"), [["A Wizard of Earthsea", "Kindred"], 1, 2, 4]);
  assert.deepEqual(await titles("?sort=title&per_page=2&page=2"), [
    ["Parable of the Sower", "The Dispossessed"],
    2,
    2,
    4,
  ]);
  assert.deepEqual(await titles("?sort=title&per_page=2&page=3"), [[], 3, 2, 4]);
  assert.deepEqual(await titles("?author=le%20GUIN&sort=year"), [
    ["A Wizard of Earthsea", "The Dispossessed"],
    1,
    20,
    2,
  ]);
  assert.deepEqual(await titles("?q=earth&sort=-year"), [
    ["Parable of the Sower", "A Wizard of Earthsea"],
    1,
    20,
    2,
  ]);
  assert.deepEqual(await titles("?q=100%25"), [[], 1, 20, 0]);
  assert.deepEqual(await titles("", bob), [["Bob's own"], 1, 20, 1]);
  res = await send("GET", "/books?page=0&per_page=101&sort=newest", { token: ada });
  assert.equal(res.status, 422);
  assert.equal(
    res.text,
    '{"error":{"code":422,"reason":"Unprocessable Entity","description":"Some values are invalid.","errors":[' +
      '{"name":"page","code":"range","message":"must be at least 1"},' +
      '{"name":"per_page","code":"range","message":"must be at most 100"},' +
      '{"name":"sort","code":"invalid","message":"expected one of \\"title\\", \\"-title\\", \\"author\\", \\"-author\\", \\"year\\", \\"-year\\", \\"created\\", \\"-created\\" (choice)"}]}}',
  );

  // Reading, replacing, patching, deleting.
  res = await send("GET", "/books/2", { token: ada });
  assert.equal(res.status, 200);
  assert.equal(book(res).title, "Parable of the Sower");
  res = await send("PUT", "/books/2", {
    token: ada,
    json: { title: "Parable of the Talents", author: "O. E. Butler" },
  });
  assert.equal(res.status, 200);
  assert.equal(
    timeless(res.text),
    '{"id":2,"owner_id":1,"title":"Parable of the Talents","author":"O. E. Butler","year":null,"notes":"","created_at":"<time>","updated_at":"<time>"}',
  );
  res = await send("PATCH", "/books/2", { token: ada, json: { year: 1998 } });
  assert.equal(res.status, 200);
  assert.deepEqual([book(res).title, book(res).year], ["Parable of the Talents", 1998]);
  res = await send("PATCH", "/books/2", { token: ada, json: { year: "soon" } });
  assert.equal(res.status, 422);
  res = await send("DELETE", "/books/2", { token: ada });
  assert.equal(res.status, 204);
  assert.equal(res.text, "");
  res = await send("GET", "/books/2", { token: ada });
  assert.equal(res.status, 404);
  assert.equal(
    res.text,
    '{"error":{"code":404,"reason":"Not Found","description":"There is nothing here: no such route, or no such book on your shelf."}}',
  );
  assert.equal((await send("DELETE", "/books/2", { token: ada })).status, 404);

  // Another user's book is 404 to every method, exactly as a missing one (its existence does not leak).
  const missing = await send("GET", "/books/999", { token: ada });
  for (const [method, json] of [
    ["GET", undefined],
    ["PUT", { title: "Mine now", author: "Ada" }],
    ["PATCH", { title: "Mine now" }],
    ["DELETE", undefined],
  ] as const) {
    res = await send(
      method,
      `/books/${bobsBook}`,
      json === undefined ? { token: ada } : { token: ada, json },
    );
    assert.equal(res.status, 404, method);
    assert.equal(res.text, missing.text);
  }
  assert.equal(book(await send("GET", `/books/${bobsBook}`, { token: bob })).title, "Bob's own");

  // Unknown routes and methods: JSON from the catcher.
  res = await send("GET", "/nowhere", { headers: { accept: "text/html" } });
  assert.equal(res.status, 404);
  assert.equal(res.header("content-type"), JSON_TYPE);
  assert.equal(
    res.text,
    '{"error":{"code":404,"reason":"Not Found","description":"There is nothing here: no such route, or no such book on your shelf."}}',
  );
  res = await send("PUT", "/books", { token: ada, json: {} });
  assert.equal(res.status, 404);
  assert.equal(
    res.text,
    '{"error":{"code":404,"reason":"Not Found","description":"There is nothing here: no such route, or no such book on your shelf."}}',
  );
  res = await send("GET", "/books/not-a-number", { token: ada });
  assert.equal(res.status, 422);
  assert.equal(
    res.text,
    '{"error":{"code":422,"reason":"Unprocessable Entity","description":"Some values are invalid."}}',
  );

  // Health and readiness.
  res = await send("GET", "/health");
  assert.deepEqual([res.status, res.text], [200, '{"status":"ok"}']);
  res = await send("GET", "/ready");
  assert.deepEqual([res.status, res.text], [200, '{"status":"ready"}']);
}
