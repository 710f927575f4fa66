// Starts one server of the benchmark: `node --import tsx launch.ts <id>` with PORT set. The orchestrator pins the
// process to its core and polls the port until the server answers.

const id = process.argv[2];
const port = Number(process.env.PORT);
if (!Number.isInteger(port) || port <= 0) throw new Error("PORT must be set to the port to listen on");
const modules: Record<string, () => Promise<{ listen(port: number): Promise<unknown> }>> = {
  node: () => import("./node.ts"),
  // node:http sending Apogee's default headers too: a control for `src/instructions.ts`, not a contender.
  "node-headers": async () => {
    const node = await import("./node.ts");
    return { listen: (p: number) => node.listen(p, true) };
  },
  fastify: () => import("./fastify.ts"),
  hono: () => import("./hono.ts"),
  express: () => import("./express.ts"),
  apogee: () => import("./apogee.ts"),
};
const load = id === undefined ? undefined : modules[id];
if (load === undefined)
  throw new Error(`unknown server ${JSON.stringify(id)}: one of ${Object.keys(modules)}`);
await (await load()).listen(port);
