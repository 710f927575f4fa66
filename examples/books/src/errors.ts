// Every error the API answers is one JSON shape, whatever the client accepts: unknown routes and methods (404,
// as in Rocket: a method no route has is a path no route matches), bad credentials, and bodies or queries the
// schemas refuse (422, with one `{ name, code, message }` per field).
import { type Catcher, catcher, type DataError, DataErrors, respond, Status } from "apogee";

type Listed = Pick<DataError, "name" | "code" | "message">;

// What each status means in this API (the `description` of the error document OpenAPI declares).
const DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: "The request is malformed.",
  401: "Sign in first: a bearer token from POST /tokens, or the session cookie from POST /session.",
  404: "There is nothing here: no such route, or no such book on your shelf.",
  409: "An account with this email exists.",
  413: "The body is larger than its limit.",
  422: "Some values are invalid.",
  500: "Something went wrong on the server.",
  503: "The service is unavailable.",
};

function body(status: Status, failed: readonly Listed[]) {
  const reason = status.reason ?? "Error";
  const description = DESCRIPTIONS[status.code] ?? reason;
  const error = { code: status.code, reason, description };
  const errors = failed.map((e) => ({ name: e.name, code: e.code, message: e.message }));
  return { error: errors.length > 0 ? { ...error, errors } : error };
}

/** The catcher for every status: the JSON error body, with the field errors a data guard reported. */
export const jsonErrors: Catcher = catcher(
  "default",
  (status, req) =>
    body(status, req.error instanceof DataErrors && req.error.status === status.code ? req.error.errors : []),
  { name: "jsonErrors" },
);

/** A 422 answer listing `errors` (a query form the handler took as a `result(...)`), shaped as the catcher's. */
export function invalid(errors: readonly Listed[]) {
  return respond(body(Status.UnprocessableEntity, errors), { status: Status.UnprocessableEntity });
}
