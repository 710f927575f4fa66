// One server under test, running in its own process pinned to the server core.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ServerInfo } from "../servers/registry.ts";
import { libraryFile } from "../shared/library.ts";
import { cpuSeconds, pinned, rssKiB } from "./system.ts";

const BENCH = join(dirname(fileURLToPath(import.meta.url)), "../..");
const LAUNCH = join(BENCH, "src/servers/launch.ts");
const READY_TIMEOUT_MS = 30_000;
const SECRET_KEY = randomBytes(32).toString("base64");

/**
 * The environment every server under test runs with: its port, production mode (Apogee's release profile then
 * requires a secret key, Rocket's rule), and the SQLite file of the sqlite scenario.
 */
export function serverEnv(port: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PORT: String(port),
    NODE_ENV: "production",
    APOGEE_SECRET_KEY: SECRET_KEY,
    BENCH_LIBRARY: libraryFile(),
  };
}

/** A free TCP port on 127.0.0.1 (the OS picks it; it is released before the server binds it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** A launched server: its URL, and its CPU time and memory read from outside. */
export class ServerProcess {
  static readonly #live = new Set<ChildProcess>();

  /** Kills every server still running (when the benchmark itself is interrupted). */
  static killAll(): void {
    for (const child of ServerProcess.#live) child.kill("SIGKILL");
  }

  readonly info: ServerInfo;
  readonly url: string;
  readonly #child: ChildProcess;
  #stderr = "";
  #exited: Promise<number | null>;

  private constructor(info: ServerInfo, port: number, child: ChildProcess) {
    this.info = info;
    this.url = `http://127.0.0.1:${port}`;
    this.#child = child;
    child.stdout?.resume();
    child.stderr?.setEncoding("utf8").on("data", (s: string) => {
      this.#stderr = (this.#stderr + s).slice(-4000);
    });
    ServerProcess.#live.add(child);
    this.#exited = new Promise((resolve) =>
      child.once("exit", (code) => {
        ServerProcess.#live.delete(child);
        resolve(code);
      }),
    );
  }

  /** Starts `info`'s server on a free port, pinned to `cpu`, and resolves once it answers HTTP. */
  static async start(info: ServerInfo, cpu: number | undefined): Promise<ServerProcess> {
    const port = await freePort();
    const [cmd, args] = pinned(cpu, [process.execPath, "--import", "tsx", LAUNCH, info.id]);
    const child = spawn(cmd, args, {
      cwd: BENCH,
      env: serverEnv(port),
      stdio: ["ignore", "pipe", "pipe"],
    });
    const server = new ServerProcess(info, port, child);
    await server.#ready();
    return server;
  }

  /** The server's process id (taskset execs node, so it is node's). */
  get pid(): number {
    return this.#child.pid ?? -1;
  }

  /** CPU seconds the server has used so far. */
  cpuSeconds(): number | undefined {
    return cpuSeconds(this.pid);
  }

  /** The server's resident memory in KiB. */
  rssKiB(): number | undefined {
    return rssKiB(this.pid);
  }

  async #ready(): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    let exited = false;
    void this.#exited.then(() => {
      exited = true;
    });
    while (Date.now() < deadline && !exited) {
      try {
        await fetch(`${this.url}/`, { signal: AbortSignal.timeout(1000) });
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    this.#child.kill("SIGKILL");
    throw new Error(
      `${this.info.title} did not start${exited ? " (it exited)" : ` within ${READY_TIMEOUT_MS / 1000}s`}:\n${this.#stderr.trim()}`,
    );
  }

  /** Stops the server (SIGTERM, then SIGKILL after 3 s) and resolves when it has exited. */
  async stop(): Promise<void> {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    this.#child.kill("SIGTERM");
    const timer = setTimeout(() => this.#child.kill("SIGKILL"), 3000);
    await this.#exited;
    clearTimeout(timer);
  }
}
