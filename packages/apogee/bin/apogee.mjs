#!/usr/bin/env node
// The `apogee` command (`npx apogee db migrate|rollback|status`). Apogee ships TypeScript sources, so the command
// runs them (and the app's TypeScript migrations) through tsx.
let register;
try {
  ({ register } = await import("tsx/esm/api"));
} catch {
  console.error("apogee: this command runs TypeScript through tsx: install it with `npm install -D tsx`");
  process.exit(1);
}
register();
const { main } = await import("../src/db/cli.ts");
process.exitCode = await main(process.argv.slice(2));
