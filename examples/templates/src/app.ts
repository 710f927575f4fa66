// The templates example: the seed's `Template.render("index", context)` page in Handlebars, and a todo list in
// Nunjucks with forms, `_method` and flash messages.
import { fileURLToPath } from "node:url";
import { build } from "apogee";
import { Template } from "apogee/templates";
import { hello, index } from "./pages.ts";
import { addTodo, deleteTodo, TodoList, todos, todoText, toggleTodo } from "./todos.ts";

/** The templates beside this example, wherever it is started from. */
export const TEMPLATE_DIR = fileURLToPath(new URL("../templates", import.meta.url));

/** The engines' customisation: a Handlebars helper, a Nunjucks filter, and tidy Nunjucks blocks. */
export const templating = Template.custom(({ handlebars, nunjucks }) => {
  handlebars.registerHelper("shout", (text: string) => `${text.toUpperCase()}!`);
  nunjucks.addFilter("plural", (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`);
  nunjucks.opts.trimBlocks = true;
  nunjucks.opts.lstripBlocks = true;
});

/** The app, ready to launch or to hand to a local client. */
export function app() {
  return build()
    .configure({ template_dir: TEMPLATE_DIR })
    .manage(new TodoList())
    .mount("/", [index, hello, todos, todoText, addTodo, toggleTodo, deleteTodo])
    .attach(templating);
}
