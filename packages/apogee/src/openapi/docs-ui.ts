// The docs page: Swagger UI, served from the `swagger-ui-dist` package in node_modules (no CDN), pointed at the
// app's own OpenAPI document.

import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { NamedFile } from "../response/named-file.ts";
import { Response } from "../response/response.ts";
import { get, type Route } from "../route/route.ts";

// The files the page needs, and nothing else from the package.
const ASSETS = new Set(["swagger-ui.css", "swagger-ui-bundle.js", "favicon-32x32.png", "favicon-16x16.png"]);

/** The directory of the installed `swagger-ui-dist`, or `undefined` when it is not installed. */
export function swaggerUiDir(): string | undefined {
  try {
    return dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
  } catch {
    return undefined;
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The docs routes at `base` (a static path such as `/docs`): the page, its start script, and the Swagger UI
 * assets from `dir`. All hidden from the document itself.
 */
export function docsRoutes(base: string, documentUrl: string, title: string, dir: string): Route[] {
  const page = `<!DOCTYPE html>
<html lang="en">
<head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${escapeHtml(title)}</title>
    <link rel="stylesheet" href="${base}/swagger-ui.css">
    <link rel="icon" type="image/png" href="${base}/favicon-32x32.png" sizes="32x32">
</head>
<body>
    <div id="swagger-ui"></div>
    <script src="${base}/swagger-ui-bundle.js"></script>
    <script src="${base}/start.js"></script>
</body>
</html>`;
  // A script of its own, not inline, so a Content-Security-Policy without 'unsafe-inline' still allows the page.
  const start = `window.ui = SwaggerUIBundle({ url: ${JSON.stringify(documentUrl)}, dom_id: "#swagger-ui", deepLinking: true });\n`;
  const html = get({ uri: base, name: "OpenAPI docs page", hidden: true }, () =>
    res(page, "text/html; charset=utf-8"),
  );
  const script = get({ uri: `${base}/start.js`, name: "OpenAPI docs script", hidden: true }, () =>
    res(start, "text/javascript; charset=utf-8"),
  );
  const assets = get(
    { uri: `${base}/<file>`, name: "OpenAPI docs assets", hidden: true, rank: 5 },
    ({ file }) =>
      ASSETS.has(file) ? NamedFile.open(join(dir, file), { cacheControl: "public, max-age=86400" }) : null,
  );
  return [html, script, assets] as unknown as Route[];
}

function res(body: string, contentType: string): Response {
  return new Response(body, contentType);
}
