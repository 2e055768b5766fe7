import { startPgliteThread } from "../src/db/pglite-thread.ts";
for (let i = 0; i < 4; i++) {
  const s = performance.now();
  const t = await startPgliteThread(undefined);
  const m = performance.now();
  await t.close();
  console.log("thread open", Math.round(m - s));
}
