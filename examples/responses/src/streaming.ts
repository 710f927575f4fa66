// Responses › Streaming: bodies produced over time, and a server-sent-events clock.
import { setTimeout as sleep } from "node:timers/promises";
import { Event, EventStream, get, TextStream, u8 } from "apogee";

/** Counts to `n`, one line at a time (a chunked `text/plain` body). */
export const countdown = get("/countdown/<n>", { n: u8 }, ({ n }) =>
  TextStream(
    (async function* () {
      for (let i = n; i > 0; i--) {
        yield `${i}\n`;
        await sleep(10);
      }
      yield "liftoff!\n";
    })(),
  ),
);

/** A clock ticking every second as server-sent events; stops when the client goes away. */
export const clock = get("/clock", () =>
  EventStream(
    (async function* () {
      for (let id = 0; ; id++) {
        yield Event.data(new Date().toISOString()).id(String(id));
        await sleep(1000);
      }
    })(),
  ),
);
