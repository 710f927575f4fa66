import { Status } from "../http/status.ts";
import type { RequestGuard } from "../request/guard.ts";
import { error, type Outcome, success } from "../request/outcome.ts";
import type { Request } from "../request/request.ts";
import { type Rendered, TemplateContext } from "./context.ts";

/** What the `TemplateMetadata` guard gives a handler (Rocket's `Metadata`). */
export class TemplateInfo {
  readonly #context: TemplateContext;
  readonly #req: Request;

  constructor(context: TemplateContext, req: Request) {
    this.#context = context;
    this.#req = req;
  }

  /** Whether a template named `name` exists (Rocket's `contains_template`). */
  contains(name: string): boolean {
    return this.#context.get(name) !== undefined;
  }

  /** Every template name, sorted. */
  get names(): string[] {
    return this.#context.names;
  }

  /** Whether templates reload after a change (the debug profile). */
  get reloading(): boolean {
    return this.#context.reloading;
  }

  /**
   * Renders template `name` to its `Content-Type` and text, or `undefined` (logged, naming the template) when
   * it is unknown or fails to render.
   */
  render(name: string, context: object = {}): Rendered | undefined | Promise<Rendered | undefined> {
    return this.#context.render(name, context, this.#req.log);
  }
}

const NO_FAIRING = "the Templating fairing is not attached: attach Template.fairing()";

/**
 * A request guard for the app's templates (Rocket's `Metadata`): whether one exists, whether they reload, and
 * rendering to a string. Without the Templating fairing it fails with 500, and its sentinel aborts launch.
 *
 * @example
 * get("/", { templates: TemplateMetadata }, ({ templates }) =>
 *   templates.contains("index") ? Template.render("index") : "no index template");
 */
export const TemplateMetadata: RequestGuard<TemplateInfo, string> = {
  kind: "guard",
  name: "TemplateMetadata",
  fromRequest(req: Request): Outcome<TemplateInfo, string> {
    const context = req.app.state(TemplateContext);
    if (context !== undefined) return success(new TemplateInfo(context, req));
    req.log.error(`TemplateMetadata: ${NO_FAIRING}. Failing with 500.`);
    return error(Status.InternalServerError, NO_FAIRING);
  },
  sentinel: (app) => (app.state(TemplateContext) === undefined ? NO_FAIRING : undefined),
};
