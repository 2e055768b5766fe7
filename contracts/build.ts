/**
 * `npm run contracts:build`: compiles the validators into contracts/plutus.json (CIP-57).
 * Deterministic: the same sources always give the same file (CI checks it is committed fresh).
 *
 * `compiledCode` is the flat-encoded program wrapped once in a CBOR byte string, as Aiken
 * writes it; `hash` is the script hash of that code before parameters are applied.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { resolveScriptHash } from "@meshsdk/core";
import { compileFlat, singleCbor } from "./build/compile.ts";
import {
  definitions,
  escrowBatchRedeemer,
  escrowDatum,
  escrowParameters,
  escrowSpendRedeemer,
  registryRedeemer,
  type Schema,
} from "./build/schema.ts";
import { escrowValidator } from "./escrow.ts";
import { registryPolicy } from "./registry.ts";
import { BLUEPRINT_TITLES, toMeshScript } from "./blueprint.ts";

const PLU_TS_VERSION = "0.9.0";

function compiled(term: Parameters<typeof compileFlat>[0]): { compiledCode: string; hash: string } {
  const compiledCode = singleCbor(compileFlat(term));
  return { compiledCode, hash: resolveScriptHash(toMeshScript(compiledCode), "V3") };
}

/** Builds the blueprint object. */
export function buildBlueprint(): Schema {
  const escrow = compiled(escrowValidator);
  const registry = compiled(registryPolicy);
  return {
    preamble: {
      title: "escrowd/contracts",
      description: "Escrow validator and agent-registry policy of escrowd",
      version: "0.1.0",
      plutusVersion: "v3",
      compiler: { name: "plu-ts", version: PLU_TS_VERSION },
      license: "Apache-2.0",
    },
    validators: [
      {
        title: BLUEPRINT_TITLES.escrowSpend,
        datum: escrowDatum,
        redeemer: escrowSpendRedeemer,
        parameters: escrowParameters,
        ...escrow,
      },
      {
        title: BLUEPRINT_TITLES.escrowWithdraw,
        redeemer: escrowBatchRedeemer,
        parameters: escrowParameters,
        ...escrow,
      },
      { title: BLUEPRINT_TITLES.registryMint, redeemer: registryRedeemer, ...registry },
    ],
    definitions,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = fileURLToPath(new URL("./plutus.json", import.meta.url));
  writeFileSync(out, `${JSON.stringify(buildBlueprint(), null, 2)}\n`);
  console.log(`wrote ${out}`);
}
