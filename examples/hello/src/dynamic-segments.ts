// Requests › Dynamic Segments: typed parameters parsed from the path.
import { bool, get, u8 } from "apogee";

/** `/hello/<name>/<age>/<cool>`: `age` must be a u8 and `cool` a bool, or the request forwards. */
export const hello = get("/hello/<name>/<age>/<cool>", { age: u8, cool: bool }, ({ name, age, cool }) =>
  cool ? `You're a cool ${age} year old, ${name}!` : `${name}, we need to talk about your coolness.`,
);
