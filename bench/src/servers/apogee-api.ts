// The API table as Apogee routes: `<param>` segments, and ranks that settle same-shape routes as find-my-way does.
import { type Route, route } from "apogee";
import { type ApiRoute, staticFirstRank, toApogeePath } from "../shared/api-routes.ts";

/** `r` as an Apogee route answering `"ok"`. */
export function apogeeApiRoute(r: ApiRoute, base = ""): Route<any, any, any, any> {
  const rank = staticFirstRank(r.path);
  const path = toApogeePath(r.path);
  const uri = base === "" ? path : path === "/" ? base : base + path;
  return route(r.method, rank === undefined ? { uri } : { uri, rank }, () => "ok");
}
