/**
 * Where the lifecycle benchmark's CPU time goes: runs `bench-lifecycle.ts` under V8's sampling
 * profiler (`node --cpu-prof`) and sums the profile's self time by where the code lives: each
 * package under node_modules, the project's own directories, and V8's (idle), (garbage
 * collector) and (program). The first question of any performance work here ("is it our code,
 * a library, the collector, or waiting?") is answered by one command:
 *
 *   npm run -s profile:lifecycle -- --payments 60 [--top 25] [--keep] [--busiest-ms 5000]
 *
 * Prints one JSON object: the benchmark's own figures, then `shares` (percent of samples by
 * place, largest first), `hotFunctions` (the functions with the most self time, by place) and
 * `projectCallers` (the time of code outside V8, charged to the nearest project function on
 * the stack: which of our calls the library time is spent for), all of the main thread; then
 * `otherThreads`, the largest shares of each other thread (the build threads, the logger's).
 * The .cpuprofile files are kept with --keep (open them in Chrome's DevTools). With
 * `--busiest-ms N` the main thread's figures are those of the N ms in which it was least idle
 * (`busiestWindow`): a whole run averages the intake's burst, which saturates the node, with
 * the minutes it waits for blocks.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { optionalIntArg } from "./cli-args.ts";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const progress = (line: string) => process.stderr.write(`profile-lifecycle: ${line}\n`);

/** Where a frame's code lives: a package, a project directory, or one of V8's own entries. */
export function placeOf(url: string, functionName: string): string {
  if (url === "") return functionName.startsWith("(") ? functionName : "(native)";
  const file = url.startsWith("file://") ? fileURLToPath(url) : url;
  const inModules = file.lastIndexOf("node_modules/");
  if (inModules !== -1) {
    const parts = file.slice(inModules + "node_modules/".length).split("/");
    return parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  if (file.startsWith("node:")) return "(node internals)";
  const relative = path.relative(ROOT, file);
  if (relative.startsWith("..")) return "(other)";
  const [top, second] = relative.split(path.sep);
  return second === undefined ? top! : `${top}/${second}`;
}

/** Self time by place and by function, as shares of all samples. */
export function summarise(profile: CpuProfile, top: number) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  const places = new Map<string, number>();
  const functions = new Map<string, number>();
  // Library time charged to the nearest project function that called it: which of our calls
  // spend the time the libraries show.
  const callers = new Map<string, number>();
  const projectFrame = (id: number): string | undefined => {
    for (let at: number | undefined = id, depth = 0; at !== undefined && depth < 500; depth++) {
      const { functionName, url, lineNumber } = byId.get(at)!.callFrame;
      const place = placeOf(url, functionName);
      if (/^(src|contracts|scripts|test)\//.test(place)) {
        return `${functionName || "(anonymous)"} ${place}:${lineNumber + 1}`;
      }
      at = parentOf.get(at);
    }
    return undefined;
  };
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (node === undefined) return;
    const weight = profile.timeDeltas[i] ?? 0;
    total += weight;
    const { functionName, url, lineNumber } = node.callFrame;
    const place = placeOf(url, functionName);
    places.set(place, (places.get(place) ?? 0) + weight);
    const name = `${functionName || "(anonymous)"} ${place}:${lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + weight);
    if (!place.startsWith("(")) {
      const caller = projectFrame(id) ?? "(no project caller)";
      callers.set(caller, (callers.get(caller) ?? 0) + weight);
    }
  });
  const share = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([where, t]) => ({ where, percent: Math.round((t / total) * 1000) / 10 }));
  return {
    sampledMs: Math.round(total / 1000),
    shares: share(places),
    hotFunctions: share(functions),
    projectCallers: share(callers),
  };
}

/**
 * The profile cut to the `windowMs` in which the thread was least idle, and where that window
 * starts (ms from the profile's start). Samples are weighed by their time deltas, as in
 * `summarise`.
 */
export function busiestWindow(
  profile: CpuProfile,
  windowMs: number,
): { profile: CpuProfile; startMs: number } {
  const idle = new Set(
    profile.nodes.filter((n) => n.callFrame.functionName === "(idle)").map((n) => n.id),
  );
  const deltas = profile.timeDeltas;
  const busyUs = (i: number) => (idle.has(profile.samples[i]!) ? 0 : (deltas[i] ?? 0));
  const atUs: number[] = [];
  let t = 0;
  for (const d of deltas) atUs.push((t += d));
  let best = { busy: -1, from: 0, to: 0 };
  let busy = 0;
  let from = 0;
  for (let i = 0; i < atUs.length; i++) {
    busy += busyUs(i);
    while (atUs[from]! <= atUs[i]! - windowMs * 1000) busy -= busyUs(from++);
    if (busy > best.busy) best = { busy, from, to: i + 1 };
  }
  return {
    profile: {
      ...profile,
      samples: profile.samples.slice(best.from, best.to),
      timeDeltas: deltas.slice(best.from, best.to),
    },
    startMs: Math.round((atUs[best.from] ?? 0) / 1000),
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const keep = args.includes("--keep");
  const top = optionalIntArg("--top", 200, args) ?? 25;
  const busiestMs = optionalIntArg("--busiest-ms", 3_600_000, args);
  const ours = new Set(["--top", "--busiest-ms"]);
  const benchArgs = args.filter(
    (a, i) => a !== "--keep" && !ours.has(a) && !ours.has(args[i - 1] ?? ""),
  );
  const dir = await mkdtemp(path.join(os.tmpdir(), "escrowd-profile-"));
  progress(`profiling bench-lifecycle ${benchArgs.join(" ")} into ${dir}`);
  const child = spawn(
    process.execPath,
    [
      "--cpu-prof",
      `--cpu-prof-dir=${dir}`,
      "--import",
      "tsx",
      path.join(ROOT, "scripts/bench-lifecycle.ts"),
      ...benchArgs,
      "--json",
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString("utf8")));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`bench-lifecycle exited with ${code}`);
  const files = (await readdir(dir)).filter((f) => f.endsWith(".cpuprofile")).sort();
  if (files.length === 0) throw new Error("no profile was written");
  // One profile per thread, named CPU.<date>.<time>.<pid>.<thread id>.<seq>.cpuprofile: the main
  // thread (id 0) holds the API and the workers; the others are the build threads
  // (src/workers/build-threads.ts) and the logger's.
  const threadOf = (f: string) => Number(f.split(".").at(-3));
  const main = files.find((f) => threadOf(f) === 0) ?? files[0]!;
  const read = async (f: string) =>
    JSON.parse(await readFile(path.join(dir, f), "utf8")) as CpuProfile;
  const others = [];
  for (const f of files.filter((f) => f !== main)) {
    const s = summarise(await read(f), 8);
    others.push({ thread: threadOf(f), sampledMs: s.sampledMs, shares: s.shares.slice(0, 8) });
  }
  const figures = JSON.parse(out.trim().split("\n").at(-1)!);
  const whole = await read(main);
  const window = busiestMs === undefined ? undefined : busiestWindow(whole, busiestMs);
  const profile = {
    ...summarise(window?.profile ?? whole, top),
    ...(window && { busiestWindow: { startMs: window.startMs, lengthMs: busiestMs } }),
  };
  process.stdout.write(
    JSON.stringify({ bench: figures, profile, otherThreads: others }, null, 2) + "\n",
  );
  if (keep) progress(`profiles kept in ${dir} (the main thread: ${main})`);
  else await rm(dir, { recursive: true, force: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    progress(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  });
}
