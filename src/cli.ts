/**
 * The `escrowd` command: `start` (the default) runs the node, `devnet` runs the offline chain on
 * its own, `demo` runs a node with its devnet through a paid job, a refund and a metered job,
 * `migrate` brings a database's schema up to date.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { ConfigError, loadConfig, type Config } from "./config.ts";
import { describeError, stderrLog, stderrLogAt } from "./log.ts";
import type { RunningNode } from "./node.ts";

const HELP = `usage: escrowd [command] [options]

commands:
  start                 run the node (the default); its settings come from the environment
                        (README.md, "Configuration": PORT, DATABASE_URL, CHAIN_BACKEND, ADMIN_KEY,
                        METRICS_TOKEN, EVENTS_*, …); it takes no options
  devnet                run only the devnet, a local chain that speaks Blockfrost's API
      --port N          port to listen on (default 3100; 0 picks a free one)
      --host H          address to listen on (default 127.0.0.1)
      --data-dir D      where the ledger is kept (default ./.escrowd/devnet)
      --block-interval-ms N   how often a block is made from waiting transactions (default 1000)
      --empty-block-interval-ms N   an empty block after N ms without one, like a real chain's
                        idle blocks (default 20 block intervals; 0 never; else 1000..86400000)
  demo                  a node with its devnet on a fresh data directory, through a paid job,
                        a refund and a metered job over its own API; then it keeps running
      --data-dir D      where it keeps everything (default ./.escrowd/demo-<time>; must be empty)
      --port N          the API's port (default 3001; 0 picks a free one)
      --host H          address to listen on (default 127.0.0.1)
      --exit            stop once the demo is done instead of leaving the node running
  migrate               apply the database migrations and exit
  help                  show this text
`;

function fail(message: string): never {
  process.stderr.write(`escrowd: ${message}\n`);
  process.exit(1);
}

function configOrExit(): Config {
  try {
    return loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) fail(`configuration: ${err.message}`);
    throw err;
  }
}

async function runStart(): Promise<void> {
  const config = configOrExit();
  // Heavy modules (Mesh, scalus, PGlite) load only after the configuration is known to be good,
  // so a configuration mistake is reported at once.
  const [{ startNode }, { readyBanner }] = await Promise.all([
    import("./node.ts"),
    import("./banner.ts"),
  ]);
  let node: RunningNode;
  try {
    node = await startNode(config, stderrLogAt(config.logLevel));
  } catch (err) {
    fail(`could not start: ${(err as Error).message}`);
  }
  process.stdout.write(readyBanner(node) + "\n");
  onSignal(() => node.close());
}

async function runDevnet(argv: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        port: { type: "string", default: "3100" },
        host: { type: "string", default: "127.0.0.1" },
        "data-dir": { type: "string", default: path.join(".escrowd", "devnet") },
        "block-interval-ms": { type: "string", default: "1000" },
        "empty-block-interval-ms": { type: "string" },
      },
    });
  } catch (err) {
    fail(`devnet: ${(err as Error).message}`);
  }
  const { values } = parsed;
  const port = Number(values.port);
  const blockIntervalMs = Number(values["block-interval-ms"]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail("--port: must be 0..65535");
  if (!Number.isInteger(blockIntervalMs) || blockIntervalMs < 10)
    fail("--block-interval-ms: must be an integer of at least 10");
  const emptyRaw = values["empty-block-interval-ms"];
  const emptyBlockIntervalMs = emptyRaw === undefined ? undefined : Number(emptyRaw);
  const emptyOk =
    emptyBlockIntervalMs === undefined ||
    emptyBlockIntervalMs === 0 ||
    (Number.isInteger(emptyBlockIntervalMs) &&
      emptyBlockIntervalMs >= 1000 &&
      emptyBlockIntervalMs <= 86_400_000);
  if (!emptyOk) fail("--empty-block-interval-ms: must be 0 or an integer in 1000..86400000");
  const { startDevnet } = await import("./devnet/index.ts");
  const devnet = await startDevnet({
    dataDir: path.resolve(values["data-dir"]),
    host: values.host,
    port,
    blockIntervalMs,
    emptyBlockIntervalMs,
    log: stderrLog,
  });
  process.stdout.write(
    [
      `escrowd devnet is running`,
      `  Blockfrost API  ${devnet.blockfrostUrl}`,
      `  devnet routes   ${devnet.url}/devnet   (faucet, time, blocks, rollback, faults)`,
      `  ledger          ${path.resolve(values["data-dir"])}`,
    ].join("\n") + "\n",
  );
  onSignal(() => devnet.close());
}

async function runDemo(argv: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        "data-dir": { type: "string" },
        port: { type: "string", default: "3001" },
        host: { type: "string", default: "127.0.0.1" },
        exit: { type: "boolean", default: false },
      },
    });
  } catch (err) {
    fail(`demo: ${(err as Error).message}`);
  }
  const { values } = parsed;
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail("--port: must be 0..65535");
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const dataDir = path.resolve(values["data-dir"] ?? path.join(".escrowd", `demo-${stamp}`));
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`escrowd demo in ${dataDir}`);
  const { runDemo: demo } = await import("./demo/demo.ts");
  let node: RunningNode;
  try {
    node = await demo({ dataDir, host: values.host, port, out, log: () => {} });
  } catch (err) {
    fail(`demo: ${describeError(err)}`);
  }
  if (values.exit) {
    await node.close();
    return;
  }
  out("the node keeps running; Ctrl-C stops it");
  onSignal(() => node.close());
}

async function runMigrate(): Promise<void> {
  const config = configOrExit();
  const { openDatabase } = await import("./db/client.ts");
  const database = await openDatabase({
    url: config.databaseUrl,
    pgliteDir: path.join(config.dataDir, "pg"),
  });
  await database.close();
  process.stdout.write(`escrowd: migrations applied (${database.kind})\n`);
}

/** Closes cleanly on SIGINT/SIGTERM; a second signal exits at once. */
function onSignal(close: () => Promise<void>): void {
  let closing = false;
  const handler = (signal: NodeJS.Signals) => {
    if (closing) process.exit(130);
    closing = true;
    stderrLog(`escrowd: ${signal}, shutting down`);
    close().then(
      () => process.exit(0),
      (err: Error) => fail(`shutdown failed: ${describeError(err)}`),
    );
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
}

const [command = "start", ...rest] = process.argv.slice(2);
// Every command's options are in the one help text.
if (rest.includes("--help") || rest.includes("-h")) {
  process.stdout.write(HELP);
  process.exit(0);
}
switch (command) {
  case "start":
    await runStart();
    break;
  case "devnet":
    await runDevnet(rest);
    break;
  case "demo":
    await runDemo(rest);
    break;
  case "migrate":
    await runMigrate();
    break;
  case "help":
  case "--help":
  case "-h":
    process.stdout.write(HELP);
    break;
  default:
    fail(`unknown command "${command}"\n${HELP}`);
}
