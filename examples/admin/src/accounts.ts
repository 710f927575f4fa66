// The users the admin example knows, kept in managed state, and the guards that find the one logged in.
import { forward, guard, type Request, State, Status, success } from "apogee";

/** An account: an administrator or a plain user. */
export interface Account {
  readonly id: number;
  readonly name: string;
  readonly admin: boolean;
}

/** The account store (managed state: one per app, shared by every request). */
export class Accounts {
  readonly #byId = new Map<number, Account>();
  /** How many times an account was looked up (the request-local cache keeps it to one per request). */
  lookups = 0;

  constructor(accounts: readonly Account[]) {
    for (const a of accounts) this.#byId.set(a.id, a);
  }

  /** The demo accounts: alice is an administrator, bob is not. */
  static demo(): Accounts {
    return new Accounts([
      { id: 1, name: "alice", admin: true },
      { id: 2, name: "bob", admin: false },
    ]);
  }

  /** The account with `id`. Async, as a database lookup would be. */
  async find(id: number): Promise<Account | undefined> {
    this.lookups++;
    return this.#byId.get(id);
  }

  /** The account named `name`. */
  byName(name: string): Account | undefined {
    for (const a of this.#byId.values()) if (a.name === name) return a;
    return undefined;
  }
}

/** The private cookie that holds the logged-in account's id. */
export const SESSION_COOKIE = "user_id";

const CURRENT_ACCOUNT = Symbol("current account");

// The account the session cookie names, looked up once per request however many guards ask.
function currentAccount(req: Request): Promise<Account | undefined> {
  return req.cached(CURRENT_ACCOUNT, async () => {
    const id = Number(req.cookies.getPrivate(SESSION_COOKIE)?.value);
    if (!Number.isSafeInteger(id)) return undefined;
    const accounts = await req.guard(State(Accounts));
    return accounts.outcome === "success" ? accounts.value.find(id) : undefined;
  });
}

/** Any logged-in user; forwards (401) when nobody is. */
export const User = guard(
  "User",
  async (req) => {
    const account = await currentAccount(req);
    return account === undefined ? forward(Status.Unauthorized) : success(account);
  },
  { uses: [State(Accounts)] },
);

/** A logged-in administrator; forwards (401) for anyone else, so a lower-ranked route can answer. */
export const AdminUser = guard(
  "AdminUser",
  async (req) => {
    const account = await currentAccount(req);
    return account?.admin === true ? success(account) : forward(Status.Unauthorized);
  },
  { uses: [State(Accounts)] },
);
