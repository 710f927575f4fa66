// apogee/openapi: the OpenAPI 3.1 document of an app's routes, served with a docs page.

export {
  buildDocument,
  type DocumentOptions,
  type OpenApiDocument,
  type OpenApiInfo,
  openApiDocument,
} from "./document.ts";
export { OpenApi, type OpenApiFairing, type OpenApiOptions } from "./fairing.ts";
export { toYaml } from "./yaml.ts";
