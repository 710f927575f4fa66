// `map(V)` is a record of text keys; `map(K, V)` a `Map` whose keys are `K`'s values (a param type or a form).

import { array, Form, form, get, map, post, str, u8 } from "apogee";
import { expectEqual } from "./expect.ts";

/** Text keys: a record. */
export const text = post({ uri: "/t", data: "<f>" }, { f: Form(form({ m: map(u8) })) }, ({ f }) => {
  expectEqual<typeof f.m, Record<string, number>>(true);
  return "x";
});

/** A param-typed key and a form key, as `Map`s; a key may be a list. */
export const typed = post(
  { uri: "/k", data: "<f>" },
  {
    f: Form({
      byId: map(u8, str),
      labels: map(form({ x: u8, y: u8 }), str),
      inline: map({ a: str }, array(u8)),
      lists: map(array(str), u8),
    }),
  },
  ({ f }) => {
    expectEqual<typeof f.byId, Map<number, string>>(true);
    expectEqual<typeof f.labels, Map<{ x: number; y: number }, string>>(true);
    expectEqual<typeof f.inline, Map<{ a: string }, number[]>>(true);
    expectEqual<typeof f.lists, Map<string[], number>>(true);
    return "x";
  },
);

/** A map as a query parameter. */
export const query = get("/q?<m>", { m: map(u8, str) }, ({ m }) => {
  expectEqual<typeof m, Map<number, string>>(true);
  return "x";
});

// @ts-expect-error: a map's key must be a param type, a form type or a shape
map(5, str);
