import { schemaForm } from "./form-schema.ts";
import { type Shape, type ShapeValue, type StructOptions, struct } from "./form-struct.ts";
import type { FormType } from "./form-type.ts";
import { isStandardSchema, type SchemaOutput, type StandardSchema } from "./standard-schema.ts";

/**
 * Declares a form type (Rocket's `#[derive(FromForm)]`): a struct of fields, or a Standard Schema that
 * stands in for the whole form.
 *
 * - A shape maps property names to param types (`str`, `u8`, `bool`, `date`, `choice(…)`, your own
 *   `param(...)`), form types (`array(…)`, `map(…)`, `TempFile`, another `form(…)`, `optional(…)`,
 *   `result(…)`, `strict(…)`, `lenient(…)`), nested shapes, or `field(type, { name, uncased, default,
 *   validate })`. `options.validate` checks across fields once all parsed.
 * - A schema (zod 4, valibot, arktype) receives the fields as a tree of strings, arrays and objects
 *   (`a.b[0].c=x` → `{ a: { b: [{ c: "x" }] } }`, repeated names → arrays) and its issues become form errors;
 *   coerce numbers and booleans in the schema.
 * - Every error is collected, named after its field (`cats[0].nick`).
 *
 * @example
 * const Task = form({ complete: bool, description: field(str, { validate: validate.len({ min: 1 }) }) });
 * post({ uri: "/todo", data: "<task>" }, { task: Form(Task) }, ({ task }) => task.description);
 */
export function form<S extends StandardSchema<any, any>>(schema: S): FormType<SchemaOutput<S>>;
export function form<const S extends Shape>(
  shape: S,
  options?: StructOptions<ShapeValue<S>>,
): FormType<ShapeValue<S>>;
export function form(input: Shape | StandardSchema, options: StructOptions<any> = {}): FormType<unknown> {
  if (isStandardSchema(input)) return schemaForm(input);
  return struct(input as Shape, options);
}
