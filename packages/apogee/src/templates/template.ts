import type { Ignited } from "../app/ignited.ts";
import type { Fairing } from "../fairing/fairing.ts";
import { Status } from "../http/status.ts";
import type { Request } from "../request/request.ts";
import type { Responded, Responder } from "../response/responder.ts";
import { Response } from "../response/response.ts";
import { type Rendered, TemplateContext } from "./context.ts";
import { TemplateFairing } from "./fairing.ts";
import type { Customize } from "./template-set.ts";

const NO_FAIRING = "the Templating fairing is not attached: attach Template.fairing()";

/**
 * A template rendered as the response (Rocket's `rocket_dyn_templates::Template`).
 *
 * - Names are paths in the template directory without the engine and type extensions:
 *   `users/index.html.hbs` is `users/index`, answered as `text/html; charset=utf-8`; without a type (or with an
 *   unknown one) the response is `text/plain; charset=utf-8`.
 * - Engines by extension: Handlebars (`.hbs`) and Nunjucks (`.njk`, `.j2`), optional peer dependencies loaded
 *   when a template needs them.
 * - An unknown template, a context that is not an object, or a render error answers 500 (through the catcher)
 *   and logs an error naming the template. So does a missing Templating fairing; declare `responds: Template`
 *   on the route to have that found at ignite instead (Rocket's sentinel).
 *
 * @example
 * const index = get({ uri: "/", responds: Template }, () => Template.render("index", { title: "Hi" }));
 * build().mount("/", [index]).attach(Template.fairing());
 */
export class Template implements Responder {
  /** The template's name, e.g. `users/index`. */
  readonly name: string;
  /** The values the template sees. */
  readonly context: object;

  private constructor(name: string, context: object) {
    this.name = name;
    this.context = context;
  }

  /**
   * The response that renders template `name` with `context` (an object; `{}` when omitted). Nothing is looked
   * up until the response is made.
   */
  static render(name: string, context: object = {}): Template {
    if (typeof name !== "string")
      throw new TypeError(`Template.render(): the name must be a string, got ${typeof name}`);
    return new Template(name, context);
  }

  /**
   * The Templating fairing: loads `template_dir` at ignite (every problem aborts launch), reloads after changes
   * in the debug profile. Attach exactly one (this or `Template.custom`).
   */
  static fairing(): Fairing {
    return new TemplateFairing();
  }

  /**
   * The Templating fairing with a customisation of the engines (Rocket's `Template::custom`): helpers, partials
   * and decorators for Handlebars; filters, globals, tests and extensions for Nunjucks. It runs on every load,
   * reloads included, before the templates compile; if it throws, launch aborts naming the failure.
   *
   * @example
   * Template.custom(({ handlebars, nunjucks }) => {
   *   handlebars.registerHelper("upper", (s: string) => s.toUpperCase());
   *   nunjucks.addFilter("shout", (s: string) => `${s}!`);
   * });
   */
  static custom(customize: Customize): Fairing {
    if (typeof customize !== "function")
      throw new TypeError("Template.custom(): pass a function of the engines");
    return new TemplateFairing(customize);
  }

  /**
   * Renders template `name` to a string outside a request (Rocket's `Template::show`), e.g. for an email.
   * Resolves `undefined` (and logs why) when the fairing is missing, the template is unknown or rendering fails.
   */
  static async show(app: Ignited, name: string, context: object = {}): Promise<string | undefined> {
    const templates = app.state(TemplateContext);
    if (templates === undefined) {
      app.log.error(`Template "${name}" cannot be shown: ${NO_FAIRING}.`);
      return undefined;
    }
    return (await templates.render(name, context, app.log))?.body;
  }

  /**
   * The launch check a route declares with `responds: Template` (Rocket's `Template` sentinel): launch aborts
   * when the Templating fairing is not attached.
   */
  static sentinel(app: Ignited): string | undefined {
    return app.state(TemplateContext) === undefined ? NO_FAIRING : undefined;
  }

  respondTo(req: Request): Responded | Promise<Responded> {
    const templates = req.app.state(TemplateContext);
    if (templates === undefined) {
      req.log.error(`Template "${this.name}" cannot be rendered: ${NO_FAIRING}.`);
      return Status.InternalServerError;
    }
    const out = templates.render(this.name, this.context, req.log);
    return out instanceof Promise ? out.then(toResponse) : toResponse(out);
  }

  toString(): string {
    return `Template(${this.name})`;
  }
}

function toResponse(out: Rendered | undefined): Responded {
  return out === undefined ? Status.InternalServerError : new Response(out.body, out.contentType);
}
