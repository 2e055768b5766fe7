// The benchmark's client process starts as plain Node: it registers tsx to load the TypeScript
// sources, takes its work from the parent and sends back its figures, then ends. The listener
// comes first, and stays until the figures are sent: a message that arrives before there is one
// is dropped, and without one the IPC channel does not keep the process alive. The channel is
// closed only once the figures are written to it (a disconnect drops what is still queued).
import process from "node:process";
import { register } from "tsx/esm/api";

let started = false;
process.on("message", async (work) => {
  if (started) return;
  started = true;
  let answer;
  try {
    register();
    const { payAll } = await import("./bench-client.ts");
    answer = { paid: await payAll(work) };
  } catch (err) {
    answer = { error: err instanceof Error ? err.message : String(err) };
  }
  process.send(answer, () => process.disconnect());
});
