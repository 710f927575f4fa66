import { app } from "./src/app.ts";

// In `debug` a secret key is generated at launch (private cookies then do not survive a restart); any other
// profile needs one: APOGEE_SECRET_KEY=$(openssl rand -base64 32) APOGEE_PROFILE=release npm start
await app().launch();
