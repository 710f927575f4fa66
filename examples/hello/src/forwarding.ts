// Requests › Forwarding: the same path at three ranks; a parameter that does not parse forwards to the next.
import { get, isize, RawStr, result, usize } from "apogee";

export const user = get("/user/<id>", { id: usize }, ({ id }) => `User #${id} (usize)`);
export const userInt = get({ uri: "/user/<id>", rank: 2 }, { id: isize }, ({ id }) => `User #${id} (isize)`);
export const userStr = get(
  { uri: "/user/<id>", rank: 3 },
  { id: RawStr },
  ({ id }) => `User "${id}" (raw string)`,
);

/** Forwards caught with `result(...)` (Rocket's `Result<usize, &RawStr>`): this route never forwards. */
export const account = get("/account/<id>", { id: result(usize) }, ({ id }) =>
  id.ok ? `Account #${id.value}` : `'${id.error.value}' is not an account number`,
);
