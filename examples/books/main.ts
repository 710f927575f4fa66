import { app } from "./src/app.ts";

await app().launch();
