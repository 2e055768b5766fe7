/** The node's log: one line per event on stderr, prefixed with the time. Never pass it a secret. */
export type Log = (line: string) => void;

export const stderrLog: Log = (line) => {
  process.stderr.write(`${new Date().toISOString()} ${line}\n`);
};

export const silentLog: Log = () => {};
