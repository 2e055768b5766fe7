/**
 * The devnet's own routes (outside Blockfrost's API, never subject to faults): faucet, time,
 * blocks, rollback, faults and info. Bodies are JSON, checked with zod; a bad field is a 400
 * that names it.
 */
import { Hono, type Context } from "hono";
import { z } from "zod";
import { bodyLimit } from "../../body-limit.ts";
import { DEVNET_USDM_UNIT } from "../genesis.ts";
import type { DevnetLedger } from "../ledger.ts";
import { DEVNET_NETWORK } from "../params.ts";
import { HttpError } from "./errors.ts";
import { FaultConfigSchema, type FaultInjector } from "./faults.ts";

const BODY_MAX_BYTES = 64 * 1024;
const CONFIRM_BLOCKS_MAX = 20;

const Quantity = z
  .union([z.string().regex(/^\d{1,20}$/, "must be a whole number"), z.number().int().min(0)])
  .transform((v) => BigInt(v));

const FaucetBody = z
  .object({
    address: z.string().min(1).max(200),
    lovelace: Quantity.optional(),
    assets: z
      .array(z.object({ unit: z.string().max(120), quantity: Quantity }))
      .max(8)
      .optional(),
    /** Make a block at once, so the payment is confirmed when the answer comes. */
    confirm: z.boolean().optional(),
  })
  .strict();

const TimeBody = z
  .object({
    advanceMs: z.number().int().min(0).optional(),
    toTimeMs: z.number().int().min(0).optional(),
    /** false: move only the clock, the tip stays until the next block (default true). */
    block: z.boolean().optional(),
  })
  .strict()
  .refine((b) => (b.advanceMs === undefined) !== (b.toTimeMs === undefined), {
    message: "give exactly one of advanceMs and toTimeMs",
    path: ["advanceMs"],
  });

const RollbackBody = z
  .object({ blocks: z.number().int().min(1), requeue: z.boolean().optional() })
  .strict();

async function readBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  let json: unknown;
  try {
    const text = await c.req.text();
    json = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw new HttpError(400, "the request body must be JSON");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpError(400, `${issue?.path.join(".") || "body"}: ${issue?.message}`);
  }
  return parsed.data;
}

/** The routes under `/devnet`. */
export function devnetRoutes(ledger: DevnetLedger, faults: FaultInjector): Hono {
  const r = new Hono();
  r.use(
    bodyLimit({
      maxBytes: BODY_MAX_BYTES,
      onError: () => {
        throw new HttpError(413);
      },
    }),
  );

  const info = (c: Context) =>
    c.json({
      network: DEVNET_NETWORK,
      tip: ledger.tip(),
      timeMs: ledger.nowMs(),
      timeOffsetMs: ledger.timeOffsetMs,
      slot: ledger.currentSlot(),
      mempoolSize: ledger.mempoolSize(),
      submissions: ledger.submissions,
      refusals: ledger.refusals,
      faucetAddress: ledger.faucetAddress,
      usdmUnit: DEVNET_USDM_UNIT,
      faults: faults.config,
    });
  r.get("/", info);
  r.get("/info", info);

  r.post("/faucet", async (c) => {
    const body = await readBody(c, FaucetBody);
    const txHash = await ledger.faucet(body.address, {
      lovelace: body.lovelace,
      assets: body.assets,
    });
    if (!body.confirm) return c.json({ txHash });
    // Blocks take the mempool oldest first; a long queue may need a few before this payment.
    for (let i = 0; i < CONFIRM_BLOCKS_MAX && !ledger.index.tx(txHash); i++) ledger.produceBlock();
    const confirmed = await ledger.waitForTx(txHash, 0);
    return c.json({ txHash, blockHeight: confirmed.blockHeight, blockHash: confirmed.blockHash });
  });

  // A block is made at the new time (unless `block: false`), so the tip a client reads the time
  // from moves too; the answer names it.
  r.post("/time", async (c) => {
    const body = await readBody(c, TimeBody);
    const move = { block: body.block };
    const heightBefore = ledger.tip().height;
    const timeMs =
      body.advanceMs !== undefined
        ? ledger.advanceTime(body.advanceMs, move)
        : ledger.advanceTimeTo(body.toTimeMs!, move);
    const tip = ledger.index.tip();
    const block =
      tip.height > heightBefore
        ? { height: tip.height, hash: tip.hash, slot: tip.slot, txHashes: tip.txHashes }
        : null;
    return c.json({
      timeMs,
      slot: ledger.currentSlot(),
      timeOffsetMs: ledger.timeOffsetMs,
      block,
    });
  });

  r.post("/blocks", (c) => {
    const block = ledger.produceBlock()!;
    return c.json({
      height: block.height,
      hash: block.hash,
      slot: block.slot,
      txHashes: block.txHashes,
    });
  });

  r.post("/rollback", async (c) => {
    const body = await readBody(c, RollbackBody);
    return c.json(ledger.rollback(body.blocks, { requeue: body.requeue }));
  });

  r.get("/faults", (c) => c.json(faults.config));
  r.post("/faults", async (c) => {
    faults.set(await readBody(c, FaultConfigSchema));
    return c.json(faults.config);
  });

  return r;
}
