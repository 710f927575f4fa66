import { guard, type RequestGuard } from "../request/guard.ts";
import { success } from "../request/outcome.ts";
import type { Request } from "../request/request.ts";
import { BodyStream } from "./body-stream.ts";
import type { Responded, Responder } from "./responder.ts";
import { Response } from "./response.ts";

/**
 * A server-sent event (Rocket's `Event`), built fluently: `Event.data("hi").id("1").event("greeting")`.
 * Its wire form has the fields in Rocket's order — comment, `retry`, `id`, `event`, `data` — each `name:value`
 * with no space, one line per line of data, and an empty line at the end.
 */
export class Event {
  readonly #comment: string | undefined;
  readonly #retry: number | undefined;
  readonly #id: string | undefined;
  readonly #event: string | undefined;
  readonly #data: string | undefined;

  private constructor(fields: {
    comment?: string;
    retry?: number;
    id?: string;
    event?: string;
    data?: string;
  }) {
    this.#comment = fields.comment;
    this.#retry = fields.retry;
    this.#id = fields.id;
    this.#event = fields.event;
    this.#data = fields.data;
  }

  #with(fields: { comment?: string; retry?: number; id?: string; event?: string; data?: string }): Event {
    return new Event({
      ...this.#fields(),
      ...fields,
    });
  }

  #fields() {
    const f: { comment?: string; retry?: number; id?: string; event?: string; data?: string } = {};
    if (this.#comment !== undefined) f.comment = this.#comment;
    if (this.#retry !== undefined) f.retry = this.#retry;
    if (this.#id !== undefined) f.id = this.#id;
    if (this.#event !== undefined) f.event = this.#event;
    if (this.#data !== undefined) f.data = this.#data;
    return f;
  }

  /** An event carrying `data` (several lines become several `data:` lines). */
  static data(data: string): Event {
    return new Event({ data });
  }
  /** An event carrying `value` as compact JSON. */
  static json(value: unknown): Event {
    return new Event({ data: JSON.stringify(value) });
  }
  /** A comment-only event (`:text`), ignored by clients; useful as a keep-alive. */
  static comment(comment: string): Event {
    return new Event({ comment });
  }
  /** An event telling the client to wait `ms` milliseconds before reconnecting. */
  static retry(ms: number): Event {
    return new Event({ retry: Math.max(0, Math.floor(ms)) });
  }

  /** The same event with an `id` (the client sends it back as `Last-Event-ID` when reconnecting). */
  id(id: string): Event {
    return this.#with({ id });
  }
  /** The same event with an `event` name (the client's listener type). */
  event(name: string): Event {
    return this.#with({ event: name });
  }
  /** The same event with a comment. */
  withComment(comment: string): Event {
    return this.#with({ comment });
  }
  /** The same event with a reconnection delay in milliseconds. */
  withRetry(ms: number): Event {
    return this.#with({ retry: Math.max(0, Math.floor(ms)) });
  }
  /** The same event with `data` replaced. */
  withData(data: string): Event {
    return this.#with({ data });
  }

  /** The event as it goes on the wire. */
  toString(): string {
    let out = "";
    if (this.#comment !== undefined) for (const line of lines(this.#comment)) out += `:${line}\n`;
    if (this.#retry !== undefined) out += `retry:${this.#retry}\n`;
    if (this.#id !== undefined) out += `id:${oneLine(this.#id)}\n`;
    if (this.#event !== undefined) out += `event:${oneLine(this.#event).replaceAll(":", " ")}\n`;
    if (this.#data !== undefined) for (const line of lines(this.#data)) out += `data:${line}\n`;
    return `${out}\n`;
  }
}

// `\r\n`, `\r` and `\n` all end a line.
function lines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

// A field that must stay on one line: line breaks become spaces.
function oneLine(text: string): string {
  return text.replace(/\r\n|\r|\n/g, " ");
}

/** Options of an event stream. */
export interface EventStreamOptions {
  /** Milliseconds of silence after which a `:` comment keeps the connection alive; `null` disables. */
  readonly heartbeat?: number | null;
}

const HEARTBEAT = ":\n";
const DEFAULT_HEARTBEAT_MS = 30_000;

class EventStreamResponder implements Responder {
  readonly #events: AsyncIterable<Event> | Iterable<Event>;
  readonly #heartbeat: number | null;
  constructor(events: AsyncIterable<Event> | Iterable<Event>, heartbeat: number | null) {
    this.#events = events;
    this.#heartbeat = heartbeat;
  }
  respondTo(_req: Request): Responded {
    const res = new Response(new BodyStream(frames(this.#events, this.#heartbeat)), "text/event-stream");
    res.setHeader("cache-control", "no-cache");
    res.setHeader("expires", "0");
    return res;
  }
}

// The events as wire frames, with a heartbeat comment whenever the source is silent for `heartbeat` ms.
async function* frames(
  events: AsyncIterable<Event> | Iterable<Event>,
  heartbeat: number | null,
): AsyncGenerator<string> {
  const iterator =
    Symbol.asyncIterator in events
      ? events[Symbol.asyncIterator]()
      : (events as Iterable<Event>)[Symbol.iterator]();
  try {
    if (heartbeat === null) {
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value.toString();
      }
    }
    let pending = Promise.resolve(iterator.next());
    for (;;) {
      let timer: NodeJS.Timeout | undefined;
      const beat = new Promise<"beat">((resolve) => {
        timer = setTimeout(() => resolve("beat"), heartbeat);
      });
      const winner = await Promise.race([pending, beat]);
      clearTimeout(timer);
      if (winner === "beat") {
        yield HEARTBEAT;
        continue;
      }
      if (winner.done) return;
      yield winner.value.toString();
      pending = Promise.resolve(iterator.next());
    }
  } finally {
    await iterator.return?.();
  }
}

/**
 * A stream of server-sent events (`text/event-stream`, with `Cache-Control: no-cache` and `Expires: 0`).
 * A `:` heartbeat is sent after 30 s of silence (configurable, `null` to disable). When the client goes away
 * the source is stopped.
 *
 * @example
 * get("/clock", () => EventStream((async function* () {
 *   for (let i = 0; ; i++) { yield Event.data(new Date().toISOString()).id(String(i)); await sleep(1000); }
 * })()));
 */
export function EventStream(
  events: AsyncIterable<Event> | Iterable<Event>,
  options: EventStreamOptions = {},
): Responder {
  const heartbeat = options.heartbeat === undefined ? DEFAULT_HEARTBEAT_MS : options.heartbeat;
  return new EventStreamResponder(events, heartbeat);
}

/** A request guard giving the `Last-Event-ID` a reconnecting client sent, or `undefined`. Never fails. */
export const LastEventId: RequestGuard<string | undefined, never> = guard("LastEventId", (req) =>
  success(req.header("last-event-id")),
);
