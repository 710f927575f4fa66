// The servers under test, in report order. Each module exports `listen(port)`; `launch.ts` starts one by id.

/** A server under test. */
export interface ServerInfo {
  /** The id used on the command line and in result files. */
  readonly id: "node" | "fastify" | "hono" | "express" | "apogee";
  /** The name shown in reports. */
  readonly title: string;
  /** Whether it is a peer Apogee is compared with (node:http is the ceiling, not a peer). */
  readonly peer: boolean;
}

/** node:http (the ceiling), the three peers, and Apogee. */
export const SERVERS: readonly ServerInfo[] = [
  { id: "node", title: "node:http", peer: false },
  { id: "fastify", title: "Fastify", peer: true },
  { id: "hono", title: "Hono", peer: true },
  { id: "express", title: "Express", peer: true },
  { id: "apogee", title: "Apogee", peer: false },
];
