// Requests › Error Catchers: the guide's 404 catcher.
import { catcher } from "apogee";

export const notFound = catcher(404, (_status, req) => `Sorry, '${req.uri}' is not a valid path.`);
