// The books the API serves, kept in managed state (a database in a real app), and their schemas.
import { randomUUID } from "node:crypto";
import { z } from "zod";

/** A book, as the API answers with it. */
export const Book = z
  .object({
    id: z.uuid(),
    title: z.string(),
    author: z.string(),
    year: z.number().int(),
  })
  .meta({ id: "Book", description: "A book in the library." });

/** A book as a client sends it to be added. */
export const NewBook = z.object({
  title: z.string().min(1),
  author: z.string().min(1),
  year: z.number().int().min(-3000).max(3000),
});

export type Book = z.infer<typeof Book>;
export type NewBook = z.infer<typeof NewBook>;

/** The library: books by id, in the order they were added. */
export class Library {
  readonly #books = new Map<string, Book>();

  /** A library with two books in it. */
  static demo(): Library {
    const library = new Library();
    library.add({ title: "The Left Hand of Darkness", author: "Ursula K. Le Guin", year: 1969 });
    library.add({ title: "Kindred", author: "Octavia E. Butler", year: 1979 });
    return library;
  }

  /** Every book, or those by `author` (case-insensitive substring). */
  list(author?: string): Book[] {
    const all = [...this.#books.values()];
    if (author === undefined) return all;
    const needle = author.toLowerCase();
    return all.filter((b) => b.author.toLowerCase().includes(needle));
  }

  find(id: string): Book | undefined {
    return this.#books.get(id);
  }

  add(book: NewBook): Book {
    const added = { id: randomUUID(), ...book };
    this.#books.set(added.id, added);
    return added;
  }

  remove(id: string): boolean {
    return this.#books.delete(id);
  }
}
