// Managed state: a hit counter shared by every request (Rocket's `AtomicUsize` in `State`; Node runs one request
// handler at a time per process, so a plain number is already atomic).
import { get, State } from "apogee";

/** How many times the index was visited. */
export class HitCount {
  count = 0;
}

export const index = get("/", { hits: State(HitCount) }, ({ hits }) => {
  hits.count += 1;
  return `Welcome! This page has been visited ${hits.count} time${hits.count === 1 ? "" : "s"}.`;
});
