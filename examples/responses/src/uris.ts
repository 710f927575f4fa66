// Responses › Typed URIs: links built from the routes themselves.
import { get, optional, Redirect, u8, uri } from "apogee";

/** The guide's `person` route. */
export const person = get("/person/<name>?<age>", { age: optional(u8) }, ({ name, age }) =>
  age === undefined ? `Hello, ${name}!` : `Hello, ${age} year old named ${name}!`,
);

/** Redirects to Mike Smith, 28, with a URI that would not compile if `person` changed its parameters. */
export const mike = get("/mike", () => Redirect.to(uri(person, "Mike Smith", 28)));
