import type { Apogee } from "../app/apogee.ts";
import type { LogFormat } from "../log/logger.ts";
import { requestId } from "../log/request-id.ts";
import type { Request } from "../request/request.ts";
import type { Fairing } from "./fairing.ts";

/** How `RequestLog` logs: by profile (`auto`), or always one format. */
export interface RequestLogOptions {
  /**
   * `auto` (the default): JSON lines outside the `debug` profile, Rocket's pretty lines in `debug`; a `log_format`
   * the configuration sets explicitly wins. `pretty` or `json`: that format, whatever the configuration says.
   */
  readonly format?: "auto" | LogFormat;
}

/**
 * The request log fairing: one log record per request, each with a request id that the response carries back
 * as `X-Request-Id` (the client's own id when it sent a sane one). It builds on the app's logger rather than
 * writing its own lines.
 *
 * - In the `json` log format, each request is one JSON line `{ time, level, id, method, path, status,
 *   duration_ms, route }` (what `log_format = "json"` does on its own).
 * - In the `pretty` format, Rocket's per-request trace ends with a line giving the status, the time taken and
 *   the id: `   >> 200 in 0.412ms (id 9f86d081-1).` (timed from the request fairings on).
 * - Requests are logged at the `normal` and `debug` log levels, as every request line.
 *
 * @example
 * build().attach(RequestLog()); // pretty in debug, JSON lines in release
 */
export function RequestLog(options: RequestLogOptions = {}): Fairing {
  const format = options.format ?? "auto";
  return {
    name: "RequestLog",
    singleton: true,
    onIgnite: (app) => chooseFormat(app, format),
    onRequest: beginPrettyRecord,
  };
}

function chooseFormat(app: Apogee, format: "auto" | LogFormat): void {
  if (format !== "auto") {
    app.configure({ log_format: format });
    return;
  }
  const figment = app.figment;
  // Apogee's defaults set every key: only a value from a real source (file, environment, configure) counts.
  const set = figment.find("log_format");
  if (set !== undefined && set.layer !== undefined && set.layer.source !== "defaults") return;
  app.configure({ log_format: figment.profile === "debug" ? "pretty" : "json" });
}

// The `json` format gives every request its id when dispatch begins; the pretty one needs this fairing for it.
function beginPrettyRecord(req: Request): void {
  if (req.id !== undefined || !req.log.enabled("normal")) return;
  req.id = requestId(req.headers["x-request-id"]);
  req.startedAt = performance.now();
}
