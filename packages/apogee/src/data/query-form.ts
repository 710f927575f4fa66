import { finish } from "./form-guard.ts";
import { FieldName } from "./form-name.ts";
import { FormFailure, type FormMode, type FormType } from "./form-type.ts";

const LENIENT: FormMode = { strict: false };

/**
 * Parses query fields into a form type, leniently (ROCKET.md §5; `strict(T)` opts in): for a `<name>`
 * parameter `shift` is true and each field's first key (`name`) is skipped; `<rest..>` gets its fields
 * unshifted. The value, or the errors (named under `name`), or a promise of either for a schema form.
 */
export function parseQueryForm<T>(
  type: FormType<T>,
  name: string,
  fields: readonly (readonly [string, string])[],
  shift: boolean,
): T | FormFailure | Promise<T | FormFailure> {
  const ctx = type.init(LENIENT, shift ? name : "");
  const at = shift ? 1 : 0;
  for (let i = 0; i < fields.length; i++) {
    const [n, value] = fields[i]!;
    ctx.pushValue({ name: new FieldName(n), at, value });
  }
  return finish(type, ctx.finalize());
}

export { FormFailure };
