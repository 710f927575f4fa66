// The HTTP scenarios: one request each, sent over and over, and the exact answer every server must give.

import { BOOK_COUNT, BOOK_ID, book } from "./shared/library.ts";
import {
  COOKIE_HEADER,
  HELLO,
  HELLO_JSON,
  ORDER,
  ORDER_JSON,
  SECURE_TEXT,
  SECURITY_HEADERS,
} from "./shared/payload.ts";

/** What a server must answer to a scenario's request; checked before any load is sent. */
export interface Expectation {
  readonly status: number;
  /** The media type (`Content-Type` without parameters), when the scenario fixes one. */
  readonly mediaType?: string;
  /** The exact body text. */
  readonly text?: string;
  /** The body, parsed as JSON, deep-equal to this. */
  readonly json?: unknown;
  /** Headers that must be present with exactly these values. */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * A request the scenario's server must refuse, and the statuses that count as refusing: proof that the server
 * does the work (parses, validates, guards) rather than answering blindly.
 */
export interface Refusal {
  readonly why: string;
  readonly method: "GET" | "POST";
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly statuses: readonly number[];
}

/** One HTTP scenario. */
export interface Scenario {
  readonly id: string;
  /** What it measures, for the report and the README. */
  readonly measures: string;
  readonly method: "GET" | "POST";
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly expect: Expectation;
  readonly refusals?: readonly Refusal[];
}

/** Every HTTP scenario, in report order. */
export const SCENARIOS: readonly Scenario[] = [
  {
    id: "plaintext",
    measures: "the fixed cost of a request: parse, route a static path, answer 13 bytes of text",
    method: "GET",
    path: "/plaintext",
    expect: { status: 200, mediaType: "text/plain", text: HELLO },
  },
  {
    id: "json",
    measures: "serialising a small object as JSON",
    method: "GET",
    path: "/json",
    expect: { status: 200, mediaType: "application/json", json: HELLO_JSON },
  },
  {
    id: "param",
    measures:
      "a parametric route (three parameters, one typed as an integer) among 380 API routes under /api",
    method: "GET",
    path: "/api/repos/octocat/hello-world/issues/1347",
    expect: {
      status: 200,
      mediaType: "application/json",
      json: { owner: "octocat", repo: "hello-world", issue_number: 1347 },
    },
    refusals: [
      {
        why: "an issue number that is not an integer",
        method: "GET",
        path: "/api/repos/octocat/hello-world/issues/abc",
        statuses: [404, 422],
      },
    ],
  },
  {
    id: "query",
    measures: "a query string parsed into typed fields (string, two integers, a boolean), echoed as JSON",
    method: "GET",
    path: "/search?q=rocket%20engine&page=3&limit=25&exact=true",
    expect: {
      status: 200,
      mediaType: "application/json",
      json: { q: "rocket engine", page: 3, limit: 25, exact: true },
    },
    refusals: [
      {
        why: "a boolean field that is not a boolean",
        method: "GET",
        path: "/search?q=rocket&page=3&limit=25&exact=maybe",
        statuses: [400, 422],
      },
    ],
  },
  {
    id: "post-json",
    measures: "a 1 KB JSON body read, parsed, validated by a zod schema, and echoed",
    method: "POST",
    path: "/orders",
    headers: { "content-type": "application/json" },
    body: ORDER_JSON,
    expect: { status: 200, mediaType: "application/json", json: ORDER },
    refusals: [
      {
        why: "an order the schema refuses (bad e-mail address)",
        method: "POST",
        path: "/orders",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ...ORDER, customer: { ...ORDER.customer, email: "not an address" } }),
        statuses: [400, 422],
      },
      {
        why: "malformed JSON",
        method: "POST",
        path: "/orders",
        headers: { "content-type": "application/json" },
        body: ORDER_JSON.slice(0, 100),
        statuses: [400],
      },
    ],
  },
  {
    id: "not-found",
    measures: "a path no route matches: each framework's own 404 (body not compared)",
    method: "GET",
    path: "/no/such/page",
    expect: { status: 404 },
  },
  {
    id: "cookie-guard",
    measures:
      "a guard that reads the session cookie among four and looks the user up before the handler runs",
    method: "GET",
    path: "/me",
    headers: { cookie: COOKIE_HEADER },
    expect: { status: 200, mediaType: "text/plain", text: "Hello, Ada!" },
    refusals: [
      { why: "no cookie", method: "GET", path: "/me", statuses: [401] },
      {
        why: "an unknown session",
        method: "GET",
        path: "/me",
        headers: { cookie: "theme=dark; sid=forged" },
        statuses: [401],
      },
    ],
  },
  {
    id: "shield",
    measures: "a response carrying Shield's security headers (nosniff, SAMEORIGIN, interest-cohort=())",
    method: "GET",
    path: "/secure",
    expect: { status: 200, mediaType: "text/plain", text: SECURE_TEXT, headers: SECURITY_HEADERS },
  },
  {
    id: "sqlite",
    measures: `one row read by its primary key from a SQLite file of ${BOOK_COUNT.toLocaleString("en")} books, answered as JSON`,
    method: "GET",
    path: `/books/${BOOK_ID}`,
    expect: { status: 200, mediaType: "application/json", json: book(BOOK_ID) },
    refusals: [
      { why: "an id that is not an integer", method: "GET", path: "/books/abc", statuses: [404, 422] },
      {
        why: "a book the library does not hold",
        method: "GET",
        path: `/books/${BOOK_COUNT + 1}`,
        statuses: [404],
      },
    ],
  },
];
