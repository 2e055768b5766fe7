/**
 * The devnet reads and writes Cardano data with @cardano-sdk/core rather than Mesh (whose load
 * costs its thread about 130 MB). Here, where Mesh is loaded anyway, each replacement is
 * checked against the Mesh helper it replaced: same bytes, same JSON, same keys.
 */
import {
  core,
  DEFAULT_PROTOCOL_PARAMETERS,
  DEFAULT_V1_COST_MODEL_LIST,
  DEFAULT_V2_COST_MODEL_LIST,
  DEFAULT_V3_COST_MODEL_LIST,
  MeshWallet,
  resolveFingerprint,
  type UTxO as MeshUTxO,
} from "@meshsdk/core";
import { Cardano, Serialization } from "@cardano-sdk/core";
import { describe, expect, it } from "vitest";
import { newMnemonic } from "../domain/wallet-derivation.ts";
import { hexBlob } from "./cbor.ts";
import { deriveFaucetKey } from "./faucet-key.ts";
import { buildPayment, signedCbor } from "./faucet-tx.ts";
import { DEVNET_USDM_UNIT, genesisTx } from "./genesis.ts";
import { fingerprintOf } from "./http/routes-assets.ts";
import { nativeScriptJson } from "./native-script-json.ts";
import { COST_MODELS, DEVNET_MESH_PARAMS } from "./params.ts";
import { plutusScriptOf } from "./plutus-script.ts";
import { ALWAYS_FAILS_V3, ALWAYS_SUCCEEDS_V3 } from "./test-support.ts";
import { outputOfUtxo, utxoOfUnspent, type UTxO } from "./utxo.ts";

const ADDRESS =
  "addr_test1qph3umyjvc5ktukc3ctvgtc8p9yj3wvnwy50erte2383uyx8hfefwdfmx9z7kps6x566u5gsp06ktw5jw38e8mc5vcsschez05";
const DATUM = "d8799f4568656c6c6f1864ff";

describe("the devnet's parameters", () => {
  it("are Mesh's defaults with the devnet's execution limits, and Mesh's cost models", () => {
    expect(DEVNET_MESH_PARAMS).toEqual({
      ...DEFAULT_PROTOCOL_PARAMETERS,
      maxTxExMem: "16500000",
      maxTxExSteps: "10000000000",
    });
    expect(COST_MODELS).toEqual([
      DEFAULT_V1_COST_MODEL_LIST,
      DEFAULT_V2_COST_MODEL_LIST,
      DEFAULT_V3_COST_MODEL_LIST,
    ]);
  });
});

describe("UTxOs in Mesh's plain shape", () => {
  const scriptRef = core.toScriptRef({ code: ALWAYS_SUCCEEDS_V3, version: "V3" }).toCbor();
  const cases: UTxO[] = [
    {
      input: { txHash: "ab".repeat(32), outputIndex: 3 },
      output: {
        address: ADDRESS,
        amount: [
          { unit: "lovelace", quantity: "2000000" },
          { unit: DEVNET_USDM_UNIT, quantity: "7" },
        ],
      },
    },
    {
      input: { txHash: "cd".repeat(32), outputIndex: 0 },
      output: {
        address: ADDRESS,
        amount: [{ unit: "lovelace", quantity: "5" }],
        plutusData: DATUM,
      },
    },
    {
      input: { txHash: "ef".repeat(32), outputIndex: 1 },
      output: {
        address: ADDRESS,
        amount: [{ unit: "lovelace", quantity: "9000000" }],
        dataHash: "12".repeat(32),
        scriptRef: scriptRef.toString(),
      },
    },
  ];

  it.each(cases)("writes the output as Mesh did and reads it back as Mesh does (%#)", (utxo) => {
    const mine = outputOfUtxo(utxo.output);
    const mesh = core.toTxUnspentOutput(utxo as MeshUTxO);
    expect(mine.toCbor()).toBe(mesh.output().toCbor());
    const unspent = Serialization.TransactionUnspentOutput.fromCbor(mesh.toCbor());
    expect(utxoOfUnspent(unspent)).toEqual(core.fromTxUnspentOutput(mesh));
  });

  it("writes the genesis outputs byte for byte as before", () => {
    const genesis = genesisTx({
      createdAtMs: 0,
      faucetAddress: ADDRESS,
      utxoCount: 1,
      lovelacePerUtxo: "1000000000000",
      usdmPerUtxo: "1000000000000000",
    });
    const [output] = genesis.outputs;
    const mesh = core.toTxUnspentOutput({
      input: { txHash: genesis.hash, outputIndex: 0 },
      output: {
        address: ADDRESS,
        amount: output!.amount.map((a) => ({ unit: a.unit, quantity: a.quantity.toString() })),
      },
    });
    expect(output!.cbor).toBe(mesh.output().toCbor().toString());
    expect(genesis.hash).toBe(core.blake2b.hash(core.HexBlob(genesisSeed(ADDRESS)), 32));
  });
});

describe("scripts", () => {
  it.each([ALWAYS_SUCCEEDS_V3, ALWAYS_FAILS_V3])("reads a Plutus script as Mesh does", (code) => {
    const single = core.normalizePlutusScript(code, "SingleCBOR");
    const pure = core.normalizePlutusScript(code, "PurePlutusScriptBytes");
    const mesh = core
      .toScriptRef({ code: core.normalizePlutusScript(code, "DoubleCBOR"), version: "V3" })
      .toCbor();
    for (const given of [code, single, pure]) {
      expect(plutusScriptOf(given, "V3").toCbor()).toBe(mesh);
    }
    expect(() => plutusScriptOf("deadbeef", "V3")).toThrow(/Unsupported Plutus version/);
  });

  it("writes a native script's JSON as Mesh does", () => {
    const json = {
      type: "all" as const,
      scripts: [
        { type: "sig" as const, keyHash: "aa".repeat(28) },
        { type: "after" as const, slot: "1000" },
        {
          type: "atLeast" as const,
          required: 1,
          scripts: [
            { type: "before" as const, slot: "99999" },
            { type: "any" as const, scripts: [{ type: "sig" as const, keyHash: "bb".repeat(28) }] },
          ],
        },
      ],
    };
    const cbor = core.toNativeScript(json).toCbor();
    const native = Serialization.NativeScript.fromCbor(hexBlob(cbor));
    expect(nativeScriptJson(native)).toEqual(core.fromNativeScript(native));
    expect(nativeScriptJson(native)).toEqual(json);
  });

  it("names assets by the fingerprint Mesh gives", () => {
    const policy = DEVNET_USDM_UNIT.slice(0, 56);
    for (const name of ["", DEVNET_USDM_UNIT.slice(56), "4d494e54"]) {
      expect(fingerprintOf(policy, name)).toBe(resolveFingerprint(policy, name));
    }
  });
});

describe("the faucet's key and payment", () => {
  it("has MeshWallet's address, signs as MeshWallet signs, and pays at the minimum fee", async () => {
    const mnemonic = newMnemonic();
    const key = await deriveFaucetKey(mnemonic);
    const wallet = new MeshWallet({ networkId: 0, key: { type: "mnemonic", words: mnemonic } });
    await wallet.init();
    expect(key.address).toBe(await wallet.getChangeAddress());

    const funds = outputOfUtxo({
      address: key.address,
      amount: [
        { unit: "lovelace", quantity: "1000000000000" },
        { unit: DEVNET_USDM_UNIT, quantity: "1000" },
      ],
    });
    const input = new Serialization.TransactionInput(Cardano.TransactionId("77".repeat(32)), 0n);
    const body = buildPayment({
      utxos: [new Serialization.TransactionUnspentOutput(input, funds)],
      to: ADDRESS,
      amounts: [{ unit: DEVNET_USDM_UNIT, quantity: 10n }],
      changeAddress: key.address,
    });
    const signed = signedCbor(body, key.witness);
    const unsigned = new Serialization.Transaction(
      body,
      new Serialization.TransactionWitnessSet(),
    ).toCbor();
    expect(signed).toBe(await wallet.signTx(unsigned));

    const [payment, change] = body.outputs();
    // An output with no lovelace asked for carries its minimum: (160 + 109 bytes) × 4310.
    expect(payment!.amount().coin()).toBe(1_159_390n);
    const usdm = Cardano.AssetId(DEVNET_USDM_UNIT);
    expect(change!.amount().multiasset()?.get(usdm)).toBe(990n);
    expect(body.fee()).toBe(44n * BigInt(signed.length / 2) + 155_381n);
    expect(funds.amount().coin()).toBe(
      payment!.amount().coin() + change!.amount().coin() + body.fee(),
    );
  });
});

function genesisSeed(address: string): string {
  const params = {
    createdAtMs: 0,
    faucetAddress: address,
    utxoCount: 1,
    lovelacePerUtxo: "1000000000000",
    usdmPerUtxo: "1000000000000000",
  };
  return Buffer.from(JSON.stringify(["escrowd-devnet-genesis", params]), "utf8").toString("hex");
}
