// Managed state and built-in guards: what `State(key)` and each built-in guard hand the handler, and what
// `manage` and `AdHoc` refuse.

import {
  Accept,
  AdHoc,
  build,
  ClientIp,
  type Config,
  Config as ConfigGuard,
  ContentType,
  get,
  Host,
  type Limits,
  Limits as LimitsGuard,
  MatchedRoute,
  type MediaType,
  Method,
  Origin,
  ok,
  optional,
  RemoteAddress,
  Shutdown,
  State,
  type StateGuard,
  stateKey,
} from "apogee";
import type { Equal, Expect, InputOf } from "./expect.ts";

class HitCount {
  count = 0;
}
const Greeting = stateKey<string>("greeting");

const hits = State(HitCount);
const greeting = State(Greeting);

const everything = get(
  "/",
  {
    hits,
    greeting,
    maybe: optional(State(HitCount)),
    method: Method,
    origin: Origin,
    host: Host,
    route: MatchedRoute,
    accept: Accept,
    ct: ContentType,
    ip: ClientIp,
    peer: RemoteAddress,
    config: ConfigGuard,
    limits: LimitsGuard,
    shutdown: Shutdown,
  },
  () => "ok",
);
type In = InputOf<typeof everything>;

export type StateTypes = [
  Expect<Equal<typeof hits, StateGuard<HitCount>>>,
  Expect<Equal<typeof greeting, StateGuard<string>>>,
  Expect<Equal<In["hits"], HitCount>>,
  Expect<Equal<In["greeting"], string>>,
  Expect<Equal<In["maybe"], HitCount | undefined>>,
  Expect<Equal<In["method"], Method>>,
  Expect<Equal<In["origin"], Origin>>,
  Expect<Equal<In["host"], Host>>,
  Expect<Equal<In["route"], MatchedRoute>>,
  Expect<Equal<In["accept"], Accept>>,
  Expect<Equal<In["ct"], MediaType>>,
  Expect<Equal<In["ip"], string>>,
  Expect<Equal<In["peer"], RemoteAddress>>,
  Expect<Equal<In["config"], Config>>,
  Expect<Equal<In["limits"], Limits>>,
  Expect<Equal<In["shutdown"], Shutdown>>,
];

const app = build().manage(new HitCount()).manage(Greeting, "hi").manage(HitCount, new HitCount());
export const read: [HitCount | undefined, string | undefined] = [app.state(HitCount), app.state(Greeting)];

// @ts-expect-error a number has no class: it needs a stateKey
build().manage(5);
// @ts-expect-error the value must have the key's type
build().manage(Greeting, 5);
// @ts-expect-error State() takes a class or a stateKey
State("greeting");
// @ts-expect-error a fallible ignite fairing returns ok(…) or err(…)
AdHoc.tryOnIgnite("Bad", () => "nope");
AdHoc.tryOnIgnite("Good", (a) => ok(a));
