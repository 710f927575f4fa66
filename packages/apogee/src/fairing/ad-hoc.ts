import type { Apogee } from "../app/apogee.ts";
import { ConfigError } from "../config/config-error.ts";
import type { StandardSchema } from "../data/standard-schema.ts";
import type { Request } from "../request/request.ts";
import { err, ok, type Result } from "../request/result.ts";
import type { Response } from "../response/response.ts";
import type { Fairing, OrbitInfo } from "./fairing.ts";

type MaybePromise<T> = T | Promise<T>;

/**
 * Fairings from a single function (Rocket's `AdHoc`): each builder names the fairing and gives it one callback.
 *
 * @example
 * build()
 *   .attach(AdHoc.onRequest("Count", (req) => void requests++))
 *   .attach(AdHoc.onResponse("Powered-By", (_req, res) => void res.setHeader("x-powered-by", "Apogee")))
 *   .attach(AdHoc.tryOnIgnite("Database", async (app) => (await connect()) ? ok(app) : err("no database")));
 */
export const AdHoc = {
  /** An ignite fairing that cannot fail (unless it throws): set up state, attach fairings, mount, configure. */
  onIgnite(name: string, f: (app: Apogee) => MaybePromise<void>): Fairing {
    return { name, onIgnite: f };
  },

  /**
   * An ignite fairing that may fail: returning `err(reason)` aborts launch (after the other ignite fairings ran),
   * naming this fairing and `reason`; `ok(…)` succeeds.
   */
  tryOnIgnite(name: string, f: (app: Apogee) => MaybePromise<Result<unknown, unknown>>): Fairing {
    return { name, onIgnite: f };
  },

  /** A liftoff fairing: runs once the server listens (concurrently with the other liftoff fairings). */
  onLiftoff(name: string, f: (orbit: OrbitInfo) => MaybePromise<void>): Fairing {
    return { name, onLiftoff: f };
  },

  /** A request fairing: runs before routing and may rewrite the method, URI and headers. */
  onRequest(name: string, f: (req: Request) => MaybePromise<void>): Fairing {
    return { name, onRequest: f };
  },

  /** A response fairing: runs for every response and may change anything. */
  onResponse(name: string, f: (req: Request, res: Response) => MaybePromise<void>): Fairing {
    return { name, onResponse: f };
  },

  /** A shutdown fairing: runs when shutdown starts (concurrently with the other shutdown fairings). */
  onShutdown(name: string, f: (orbit: OrbitInfo) => MaybePromise<void>): Fairing {
    return { name, onShutdown: f };
  },

  /**
   * Rocket's `AdHoc::config::<T>()`: at ignite, extracts the app's configuration (or its `key` section) with
   * `schema` (zod, valibot, arktype: any Standard Schema) and manages the result under the schema itself, for
   * `State(schema)`. Invalid configuration fails the fairing with every issue, and launch aborts.
   *
   * @example
   * const AppConfig = z.object({ greeting: z.string().default("Hello") });
   * build().attach(AdHoc.config(AppConfig));
   * get("/", { config: State(AppConfig) }, ({ config }) => config.greeting);
   */
  config(
    schema: StandardSchema<any, any>,
    options: { readonly key?: string; readonly name?: string } = {},
  ): Fairing {
    return AdHoc.tryOnIgnite(options.name ?? "Custom Config", async (app) => {
      let value: unknown;
      try {
        value = await app.config(schema, options.key);
      } catch (e) {
        if (e instanceof ConfigError) return err(e.problems.join("; "));
        throw e;
      }
      app.manage(schema, value);
      return ok(value);
    });
  },
};
