// The benchmark's client process starts as plain Node: it registers tsx to load the TypeScript
// sources, takes its work from the parent and sends back its figures, then ends.
import { register } from "tsx/esm/api";

register();
const { payAll } = await import("./bench-client.ts");
process.once("message", async (work) => {
  try {
    process.send({ paid: await payAll(work) });
  } catch (err) {
    process.send({ error: err instanceof Error ? err.message : String(err) });
  }
  process.disconnect();
});
