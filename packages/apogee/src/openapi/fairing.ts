import type { Apogee } from "../app/apogee.ts";
import type { Fairing } from "../fairing/fairing.ts";
import { err } from "../request/result.ts";
import { Response } from "../response/response.ts";
import { get, type Route } from "../route/route.ts";
import { docsRoutes, swaggerUiDir } from "./docs-ui.ts";
import { buildDocument, type DocumentOptions, type OpenApiDocument } from "./document.ts";
import { checkResponse } from "./response-check.ts";
import { toYaml } from "./yaml.ts";

/** What the `OpenApi` fairing serves, and where. */
export interface OpenApiOptions extends DocumentOptions {
  /** Where the JSON document is served (default `/openapi.json`). */
  readonly path?: string;
  /** Where the YAML document is served (default `/openapi.yaml`); `false`: not served. */
  readonly yaml?: string | false;
  /** Where the docs page (Swagger UI, from the optional `swagger-ui-dist` package) is served (default `/docs`); `false`: none. */
  readonly docs?: string | false;
  /** Check responses against the routes' declared schemas and log mismatches (default: in the `debug` profile). */
  readonly checkResponses?: boolean;
}

/** The OpenAPI fairing, with the document it built once the app ignited. */
export interface OpenApiFairing extends Fairing {
  /** The document, once the app ignited (`undefined` before). */
  readonly document: OpenApiDocument | undefined;
}

const STATIC_PATH = /^\/[^<>?#\s]*$/;

/**
 * The OpenAPI fairing: at ignite, builds the OpenAPI 3.1 document of the app's routes from their declarations
 * (params, query and body schemas, guards, declared responses) and serves it as JSON and YAML, with a docs page.
 *
 * - The document is built after every fairing attached before or with it has mounted its routes; routes with
 *   `hidden: true` (its own, CORS preflights) are left out. Every problem (a schema with no JSON Schema, a
 *   duplicate operation id, a docs page without `swagger-ui-dist` installed) fails launch, all listed at once.
 * - `GET /openapi.json` (`application/json`), `GET /openapi.yaml` (`application/yaml`), `GET /docs` (Swagger UI,
 *   served from node_modules: no CDN).
 * - In `debug` (or with `checkResponses`), each response of a route that declares `responses` is checked: an
 *   undeclared success status, or a JSON body the declared schema refuses, is logged as a warning.
 *
 * @example
 * build().attach(OpenApi({ info: { title: "Books", version: "1.0.0" } })).mount("/", [list, create]);
 */
export function OpenApi(options: OpenApiOptions = {}): OpenApiFairing {
  let document: OpenApiDocument | undefined;
  let json = "";
  let yaml = "";
  let checking = false;
  const mounted = new WeakSet<Apogee>();
  const path = options.path ?? "/openapi.json";
  const yamlPath = options.yaml ?? "/openapi.yaml";
  const docs = options.docs ?? "/docs";

  const build = async (app: Apogee) => {
    const { document: doc, problems } = await buildDocument(app.routes, options);
    if (problems.length > 0) return err(listed(problems));
    document = doc;
    json = JSON.stringify(doc, null, 2);
    yaml = toYaml(doc);
    return undefined;
  };

  return {
    name: "OpenAPI",
    singleton: true,
    get document() {
      return document;
    },
    onIgnite(app) {
      const problems: string[] = [];
      for (const [name, p] of [
        ["path", path],
        ["yaml", yamlPath],
        ["docs", docs],
      ] as const) {
        if (p !== false && (!STATIC_PATH.test(p) || (name === "docs" && p === "/")))
          problems.push(`${name} must be a static path such as "/openapi.json", got ${JSON.stringify(p)}`);
      }
      const dir = docs === false ? undefined : swaggerUiDir();
      if (docs !== false && dir === undefined)
        problems.push(
          "the docs page needs the optional `swagger-ui-dist` package: npm install swagger-ui-dist (or pass docs: false)",
        );
      if (problems.length > 0) return err(listed(problems));
      checking = options.checkResponses ?? app.figment.profile === "debug";
      if (!mounted.has(app)) {
        mounted.add(app);
        const routes: Route[] = [serve(path, "OpenAPI document", "application/json", () => json)];
        if (yamlPath !== false)
          routes.push(
            serve(yamlPath, "OpenAPI document (YAML)", "application/yaml; charset=utf-8", () => yaml),
          );
        if (docs !== false)
          routes.push(...docsRoutes(docs, path, `${options.info?.title ?? "API"} docs`, dir!));
        app.mount("/", routes);
      }
      // The document is built last in this ignite pass, once the fairings attached meanwhile mounted their routes.
      app.attach({ name: "OpenAPI document", singleton: true, onIgnite: build });
      return undefined;
    },
    onResponse(req, res) {
      if (checking) return checkResponse(req, res);
    },
  };
}

// One problem on the fairing's line; several, one per line beneath it (the launch report indents them).
function listed(problems: readonly string[]): string {
  return problems.length === 1
    ? problems[0]!
    : `${problems.length} problems:\n      ${problems.join("\n      ")}`;
}

function serve(uri: string, name: string, contentType: string, body: () => string): Route {
  return get({ uri, name, hidden: true }, () => new Response(body(), contentType)) as unknown as Route;
}
