// The cookies example: the seed's Cookies, Private Cookies and Secret Key sections.
import { build } from "apogee";
import { deleteMessage, index, setMessage } from "./message.ts";
import { login, loginPage, logout, noSession, session, userId } from "./session.ts";

/** The app, ready to launch or to hand to a local client. */
export function app() {
  return build().mount("/", [
    index,
    setMessage,
    deleteMessage,
    userId,
    session,
    noSession,
    loginPage,
    login,
    logout,
  ]);
}
