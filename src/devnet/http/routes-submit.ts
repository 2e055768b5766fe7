/** `tx/submit` and `utils/txs/evaluate/utxos`: the write side of the Blockfrost API. */
import { Hono, type Context } from "hono";
import { z } from "zod";
import { bodyLimit } from "../../body-limit.ts";
import { isHex } from "../cbor.ts";
import { evaluateTx } from "../evaluate.ts";
import type { DevnetLedger } from "../ledger.ts";
import { PROTOCOL } from "../params.ts";
import { HttpError } from "./errors.ts";
import { additionalUtxo, ogmiosAnswer } from "./ogmios.ts";

/** A transaction is at most 16 KiB; as hex text twice that. Room for a little more. */
const SUBMIT_BODY_MAX_BYTES = 4 * PROTOCOL.maxTxSizeBytes;
/** The evaluation body also carries UTxOs; 1,000 of them at most. */
const EVALUATE_BODY_MAX_BYTES = 2 * 1024 * 1024;
const ADDITIONAL_UTXOS_MAX = 1000;

const tooLarge = (c: Context) => {
  throw new HttpError(413, `The request body is larger than allowed (${c.req.path}).`);
};

const EvaluateBody = z.object({
  cbor: z.string().min(2).max(EVALUATE_BODY_MAX_BYTES),
  additionalUtxoSet: z
    .array(z.tuple([z.unknown(), z.unknown()]))
    .max(ADDITIONAL_UTXOS_MAX)
    .optional(),
});

/** Raw CBOR bytes (Blockfrost's way), or the same as hex text (accepted for convenience). */
function txHexFromBody(body: Uint8Array): string {
  const text = Buffer.from(body).toString("latin1").trim();
  // A transaction's CBOR starts with 0x84, never an ASCII hex digit, so the two cannot be confused.
  if (text.length > 0 && isHex(text)) return text.toLowerCase();
  return Buffer.from(body).toString("hex");
}

/** Blockfrost takes the evaluated transaction as hex or base64. */
function cborFieldHex(cbor: string): string {
  if (isHex(cbor)) return cbor.toLowerCase();
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(cbor)) return Buffer.from(cbor, "base64").toString("hex");
  throw new HttpError(400, "cbor: must be the transaction CBOR in hex or base64");
}

/** `tx/submit` and `utils/txs/evaluate/utxos`. */
export function submitRoutes(ledger: DevnetLedger): Hono {
  const r = new Hono();

  r.post(
    "/tx/submit",
    bodyLimit({ maxBytes: SUBMIT_BODY_MAX_BYTES, onError: tooLarge }),
    async (c) => {
      const body = new Uint8Array(await c.req.arrayBuffer());
      if (body.length === 0)
        throw new HttpError(400, "The request body is empty: send the transaction CBOR.");
      return c.json(ledger.submitCounted(txHexFromBody(body)));
    },
  );

  r.post(
    "/utils/txs/evaluate/utxos",
    bodyLimit({ maxBytes: EVALUATE_BODY_MAX_BYTES, onError: tooLarge }),
    async (c) => {
      let json: unknown;
      try {
        json = await c.req.json();
      } catch {
        throw new HttpError(400, "The request body must be JSON: {cbor, additionalUtxoSet}.");
      }
      const parsed = EvaluateBody.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new HttpError(400, `${issue?.path.join(".") || "body"}: ${issue?.message}`);
      }
      const extra = new Map(
        (parsed.data.additionalUtxoSet ?? []).map((pair, i) => additionalUtxo(pair, i)),
      );
      const version = c.req.query("version") === "6" ? 6 : 5;
      const evaluation = evaluateTx(cborFieldHex(parsed.data.cbor), extra, (ref) =>
        ledger.resolveOutputCbor(ref),
      );
      return c.json(ogmiosAnswer(evaluation, version));
    },
  );

  return r;
}
