/**
 * The node's log: JSON lines on stderr (pino), readable lines when stderr is a terminal. A line
 * may carry fields (a request id, a blockchainIdentifier); the text before the first `: ` names
 * the component that wrote it. Never pass it a secret.
 */
import pino from "pino";
import pretty from "pino-pretty";

export type LogFields = Record<string, string | number | boolean | null>;
export type Log = (line: string, fields?: LogFields) => void;

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const COMPONENT = /^([a-z][a-z0-9-]{0,30}): /;

/** A log at `level` (info by default) written to stderr, synchronously so nothing is lost on exit. */
export function stderrLogAt(level: LogLevel = "info"): Log {
  const destination = process.stderr.isTTY
    ? pretty({ destination: 2, sync: true, colorize: true, ignore: "pid,hostname" })
    : pino.destination({ fd: 2, sync: true });
  const logger = pino(
    { level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime },
    destination,
  );
  return (line, fields) => {
    const component = COMPONENT.exec(line)?.[1];
    // The node's lines carry no level of their own; those about a failure are warnings.
    const warn = /\b(fail|failed|refused|error|unexpected)\b/i.test(line);
    logger[warn ? "warn" : "info"]({ ...(component ? { component } : {}), ...fields }, line);
  };
}

let defaultLog: Log | undefined;
/** The log at info level, made on first use (the node's own comes from LOG_LEVEL, see cli.ts). */
export const stderrLog: Log = (line, fields) => (defaultLog ??= stderrLogAt("info"))(line, fields);

export const silentLog: Log = () => {};

const DISCONNECT_CODES = new Set([
  "ECONNRESET",
  "EPIPE",
  "ECONNABORTED",
  "ERR_STREAM_PREMATURE_CLOSE",
]);

/** Whether `err` means the other side hung up (an aborted request, a reset socket). */
export function isDisconnect(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === "string" && DISCONNECT_CODES.has(code)) return true;
  if (err.name === "AbortError") return true;
  return err.cause !== undefined && err.cause !== err && isDisconnect(err.cause);
}

/**
 * An error as one log line that holds no secret. A database error's message carries the query's
 * parameters (a key's hash, a request's body, a sealed mnemonic) and PostgreSQL's own messages
 * may quote a value, so only its class, SQLSTATE code and the table or constraint are kept.
 * Other errors are the node's own, whose messages never hold a secret; `withStack` adds the
 * stack's frames (never its first line, which repeats the message of any cause).
 */
export function describeError(err: unknown, withStack = false): string {
  if (!(err instanceof Error)) return `non-error thrown (${typeof err})`;
  const db = databaseError(err);
  if (db !== undefined) return db;
  const frames = withStack ? (err.stack ?? "").split("\n").slice(1, 11).join("\n") : "";
  const named = err.name === "Error" ? err.message : `${err.name}: ${err.message}`;
  return `${named}${frames ? `\n${frames}` : ""}`;
}

/** The safe description of a database error, or undefined when `err` is none. */
function databaseError(err: Error): string | undefined {
  const query = "query" in err && "params" in err;
  const cause = err.cause instanceof Error ? err.cause : undefined;
  const pg = sqlState(err) !== undefined ? err : cause && sqlState(cause) ? cause : undefined;
  if (!query && pg === undefined) return undefined;
  const parts: string[] = [err.constructor.name];
  if (pg !== undefined) {
    const fields = pg as unknown as Record<string, unknown>;
    // The drivers' own class names are minified in places; the SQLSTATE says what happened.
    parts.push(`SQLSTATE ${sqlState(pg)}`);
    for (const name of ["table", "table_name", "constraint", "constraint_name"]) {
      const value = fields[name];
      if (typeof value === "string" && /^[a-z0-9_]{1,63}$/.test(value))
        parts.push(`${name.split("_")[0]} ${value}`);
    }
  } else if (cause !== undefined) {
    parts.push(cause.constructor.name);
  }
  return `database error (${parts.join(", ")})`;
}

/** A PostgreSQL SQLSTATE (five characters) when `err` carries one. */
function sqlState(err: Error): string | undefined {
  const code = (err as { code?: unknown }).code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}
