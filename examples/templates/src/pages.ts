// The seed's Templates section: `Template::render("index", &context)`, here a Handlebars page in a layout.
import { get } from "apogee";
import { Template } from "apogee/templates";

/** `#[get("/")] fn index() -> Template`: the seed's page. `responds: Template` makes the fairing a launch check. */
export const index = get({ uri: "/", responds: Template }, () =>
  Template.render("index", {
    title: "Apogee templates",
    name: "Apogee",
    items: ["Handlebars (.hbs)", "Nunjucks (.njk, .j2)"],
  }),
);

/** A greeting in the same layout; the name is escaped by the template. */
export const hello = get({ uri: "/hello/<name>", responds: Template }, ({ name }) =>
  Template.render("hello", { title: `Hello, ${name}`, name }),
);
