/** Runs the `escrowd` command as a child process and reads what it prints, for end-to-end tests. */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../bin/escrowd.js");

export interface Child {
  proc: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
}

/** Starts `escrowd <args>` with exactly the given environment plus PATH and HOME. */
export function runEscrowd(args: string[], env: Record<string, string>): Child {
  return runNode([BIN, ...args], env);
}

/** Runs a TypeScript file (through tsx, as a user of the repository would) in its own process. */
export function runTypeScript(file: string, args: string[], env: Record<string, string>): Child {
  return runNode(["--import", "tsx", file, ...args], env);
}

/** Node with `args` and exactly the given environment plus PATH and HOME. */
function runNode(args: string[], env: Record<string, string>): Child {
  const proc = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  proc.stdout!.on("data", (d: Buffer) => (out += d.toString("utf8")));
  proc.stderr!.on("data", (d: Buffer) => (err += d.toString("utf8")));
  const exited = new Promise<number | string>((resolve) =>
    proc.on("exit", (code, signal) => resolve(code ?? signal ?? "unknown")),
  );
  return { proc, stdout: () => out, stderr: () => err, exited };
}

/** Polls `check` every `intervalMs` until it returns a value, or throws after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
  intervalMs = 100,
): Promise<T> {
  const deadlineMs = Date.now() + timeoutMs;
  for (let attempt = 0; Date.now() < deadlineMs; attempt++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
