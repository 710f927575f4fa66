// Who may use the API: accounts with scrypt-hashed passwords, the JWT guard that checks the tokens they get, and
// an editor role over it.
import { hashPassword, jwt, role, verifyPassword } from "apogee/auth";
import { z } from "zod";

/** The claims of the API's tokens. */
export const Claims = z.object({ sub: z.string(), editor: z.boolean() });

/**
 * Any caller with a valid token. The secret comes from the environment; the fallback is for trying the example
 * out, never for a real deployment.
 */
export const Bearer = jwt({
  secret: process.env.BOOKS_JWT_SECRET ?? "the books example's development-only secret",
  issuer: "books-example",
  claims: Claims,
});

/** A caller whose token says they may edit the library. */
export const Editor = role(Bearer, (claims) => claims.editor, { name: "Editor" });

interface Account {
  readonly name: string;
  readonly hash: string;
  readonly editor: boolean;
}

/** The accounts, by name (managed state). */
export class Accounts {
  readonly #byName = new Map<string, Account>();

  /** The demo accounts: `ada` (an editor) and `bob`, both with the password `correct horse`. */
  static async demo(): Promise<Accounts> {
    const accounts = new Accounts();
    // A low scrypt cost keeps start-up quick; keep the default (ln=17) for real passwords.
    const hash = await hashPassword("correct horse", { cost: 12 });
    accounts.#byName.set("ada", { name: "ada", hash, editor: true });
    accounts.#byName.set("bob", { name: "bob", hash, editor: false });
    return accounts;
  }

  /** The account `name` logs in as with `password`, or `undefined`. */
  async login(name: string, password: string): Promise<Account | undefined> {
    const account = this.#byName.get(name);
    // An unknown name still costs a hash check, so response times do not tell which names exist.
    const ok = await verifyPassword(password, account?.hash ?? DECOY);
    return ok && account !== undefined ? account : undefined;
  }
}

const DECOY = "$scrypt$ln=12,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
