/**
 * Every Blockfrost endpoint the devnet serves, checked against the official OpenAPI schema in
 * @blockfrost/openapi, success and error answers alike. The last test fails when a route is
 * served that no test here validated.
 */
import { getSchemaForEndpoint } from "@blockfrost/openapi";
import {
  BlockfrostProvider,
  core,
  ForgeScript,
  resolveScriptHash,
  stringToHex,
  type UTxO,
} from "@meshsdk/core";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevnet, type RunningDevnet } from "../src/devnet/index.ts";
import { createDevnetApp } from "../src/devnet/server.ts";
import {
  ALWAYS_FAILS_TRACE,
  ALWAYS_FAILS_V3,
  ALWAYS_SUCCEEDS_V3,
  builder,
  newWallet,
  scriptFacts,
  type TestWallet,
} from "../src/devnet/test-support.ts";
import { DEVNET_USDM_UNIT } from "../src/devnet/genesis.ts";

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
addFormats(ajv);
ajv.addFormat("hex", /^[0-9a-fA-F]*$/);
ajv.addFormat(
  "Lovelace or concatenation of asset policy_id and hex-encoded asset_name",
  /^(lovelace|[0-9a-f]{56}([0-9a-f]{2}){0,32})$/,
);

const validated = new Set<string>();

/**
 * Reads OpenAPI 3.0's `nullable` the way Blockfrost's own answers use it: a nullable enum also
 * takes null (Blockfrost returns `onchain_metadata_standard: null`), and a nullable without a
 * type (its custom `scripts/{hash}/json` schema) takes anything, null included.
 */
function openApiNullable(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(openApiNullable);
  if (typeof schema !== "object" || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) out[k] = openApiNullable(v);
  if (out.nullable === true && out.type === undefined) delete out.nullable;
  if (out.nullable === true && Array.isArray(out.enum)) out.enum = [...out.enum, null];
  return out;
}

/** Fetches `path` and checks the answer against the schema of `endpoint` for its status. */
async function check(
  devnet: RunningDevnet,
  endpoint: string,
  path: string,
  init?: RequestInit,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(devnet.blockfrostUrl + path, init);
  const body: unknown = await res.json();
  const schemas = getSchemaForEndpoint(endpoint).response as Record<string, object>;
  const schema = schemas[String(res.status)];
  expect(schema, `${endpoint} has no schema for status ${res.status}`).toBeDefined();
  const validate = ajv.compile(openApiNullable(schema) as object);
  const valid = validate(body);
  expect(valid, `${endpoint} ${res.status}: ${ajv.errorsText(validate.errors)}`).toBe(true);
  validated.add(endpoint);
  return { status: res.status, body };
}

describe("the devnet's Blockfrost API against the official OpenAPI schema", () => {
  let devnet: RunningDevnet;
  let user: TestWallet;
  let provider: BlockfrostProvider;
  const script = scriptFacts(ALWAYS_SUCCEEDS_V3);
  const forging = { script: "", policyId: "", unit: "" };
  const hashes = { funding: "", lock: "", spend: "" };

  async function confirm(txHash: string) {
    devnet.ledger.produceBlock();
    await devnet.ledger.waitForTx(txHash, 10_000);
  }

  beforeAll(async () => {
    devnet = await startDevnet({ blockIntervalMs: 3_600_000 });
    provider = new BlockfrostProvider(devnet.blockfrostUrl);
    user = await newWallet();
    hashes.funding = await devnet.ledger.faucet(user.address, {
      lovelace: 200_000_000n,
      assets: [{ unit: DEVNET_USDM_UNIT, quantity: 50_000_000n }],
    });
    await confirm(hashes.funding);

    // One transaction with a script lock (inline datum), a reference script, a CIP-25 mint
    // under a native policy, and free-form metadata.
    forging.script = ForgeScript.withOneSignature(user.address);
    forging.policyId = resolveScriptHash(forging.script);
    forging.unit = forging.policyId + stringToHex("DevnetNFT");
    const holder = await newWallet();
    const lock = await builder()
      .txOut(script.address, [{ unit: "lovelace", quantity: "5000000" }])
      .txOutInlineDatumValue("hello")
      .txOut(holder.address, [{ unit: "lovelace", quantity: "20000000" }])
      .txOutReferenceScript(script.cbor, "V3")
      // Pure-ADA outputs to serve as collateral later.
      .txOut(user.address, [{ unit: "lovelace", quantity: "10000000" }])
      .txOut(user.address, [{ unit: "lovelace", quantity: "10000000" }])
      .txOut(user.address, [{ unit: "lovelace", quantity: "10000000" }])
      .mint("1", forging.policyId, stringToHex("DevnetNFT"))
      .mintingScript(forging.script)
      .metadataValue(721, {
        [forging.policyId]: { DevnetNFT: { name: "Devnet NFT", image: "ipfs://devnet" } },
      })
      .metadataValue(674, { msg: ["openapi suite"] })
      .changeAddress(user.address)
      .selectUtxosFrom(await provider.fetchAddressUTxOs(user.address))
      .complete();
    hashes.lock = await provider.submitTx(await user.wallet.signTx(lock));
    await confirm(hashes.lock);

    const [locked] = (await provider.fetchUTxOs(hashes.lock, 0)) as UTxO[];
    const utxos = await provider.fetchAddressUTxOs(user.address);
    const collateral = utxos.find((u) => u.output.amount.length === 1)!;
    const spend = await builder({ fetcher: provider, evaluator: provider })
      .spendingPlutusScriptV3()
      .txIn(locked!.input.txHash, 0, locked!.output.amount, script.address)
      .txInInlineDatumPresent()
      .txInRedeemerValue("redeemer")
      .txInScript(script.cbor)
      .txInCollateral(
        collateral.input.txHash,
        collateral.input.outputIndex,
        collateral.output.amount,
        collateral.output.address,
      )
      .changeAddress(user.address)
      .selectUtxosFrom(utxos.filter((u) => u !== collateral))
      .complete();
    hashes.spend = await provider.submitTx(await user.wallet.signTx(spend));
    await confirm(hashes.spend);
  });

  afterAll(async () => {
    await devnet?.close();
  });

  it("serves addresses", async () => {
    const a = user.address;
    const utxos = await check(devnet, "/addresses/{address}/utxos", `/addresses/${a}/utxos`);
    expect((utxos.body as unknown[]).length).toBeGreaterThan(0);
    await check(
      devnet,
      "/addresses/{address}/utxos",
      `/addresses/${a}/utxos?count=1&page=2&order=desc`,
    );
    const usdm = await check(
      devnet,
      "/addresses/{address}/utxos/{asset}",
      `/addresses/${a}/utxos/${DEVNET_USDM_UNIT}`,
    );
    expect((usdm.body as unknown[]).length).toBeGreaterThan(0);
    const summary = await check(devnet, "/addresses/{address}", `/addresses/${a}`);
    expect(summary.body).toMatchObject({ address: a, type: "shelley", script: false });
    const txs = await check(
      devnet,
      "/addresses/{address}/transactions",
      `/addresses/${a}/transactions?from=1&order=desc`,
    );
    expect((txs.body as { tx_hash: string }[]).map((t) => t.tx_hash)).toEqual([
      hashes.spend,
      hashes.lock,
      hashes.funding,
    ]);
    const scriptUtxos = await check(
      devnet,
      "/addresses/{address}/utxos",
      `/addresses/${script.address}/utxos`,
    );
    expect(scriptUtxos.body).toEqual([]);
  });

  it("serves address errors", async () => {
    const unseen = (await newWallet()).address;
    expect(
      (await check(devnet, "/addresses/{address}/utxos", `/addresses/${unseen}/utxos`)).status,
    ).toBe(404);
    expect((await check(devnet, "/addresses/{address}", `/addresses/${unseen}`)).status).toBe(404);
    const bad = await check(devnet, "/addresses/{address}/utxos", `/addresses/addr_test1xyz/utxos`);
    expect(bad.status).toBe(400);
    const count = await check(
      devnet,
      "/addresses/{address}/transactions",
      `/addresses/${user.address}/transactions?count=101`,
    );
    expect(count).toMatchObject({ status: 400, body: { message: expect.stringMatching(/count/) } });
    expect(
      (
        await check(
          devnet,
          "/addresses/{address}/transactions",
          `/addresses/${unseen}/transactions`,
        )
      ).status,
    ).toBe(404);
    const badAsset = await check(
      devnet,
      "/addresses/{address}/utxos/{asset}",
      `/addresses/${user.address}/utxos/zz`,
    );
    expect(badAsset.status).toBe(400);
  });

  it("serves transactions", async () => {
    const h = hashes.lock;
    const tx = await check(devnet, "/txs/{hash}", `/txs/${h}`);
    expect(tx.body).toMatchObject({ hash: h, asset_mint_or_burn_count: 1, redeemer_count: 0 });
    const moved = await check(devnet, "/txs/{hash}/utxos", `/txs/${h}/utxos`);
    const outputs = (moved.body as { outputs: { consumed_by_tx: string | null }[] }).outputs;
    expect(outputs[0]?.consumed_by_tx).toBe(hashes.spend);
    await check(devnet, "/txs/{hash}/utxos", `/txs/${hashes.spend}/utxos`);
    await check(devnet, "/txs/{hash}/cbor", `/txs/${h}/cbor`);
    const meta = await check(devnet, "/txs/{hash}/metadata", `/txs/${h}/metadata`);
    expect(meta.body).toContainEqual({ label: "674", json_metadata: { msg: ["openapi suite"] } });
    const redeemers = await check(
      devnet,
      "/txs/{hash}/redeemers",
      `/txs/${hashes.spend}/redeemers`,
    );
    expect(redeemers.body).toMatchObject([
      { tx_index: 0, purpose: "spend", script_hash: script.hash },
    ]);
    expect(Number((redeemers.body as { unit_mem: string }[])[0]!.unit_mem)).toBeGreaterThan(0);
  });

  it("serves transaction errors", async () => {
    const unknown = "ab".repeat(32);
    for (const e of ["", "/utxos", "/cbor", "/metadata", "/redeemers"]) {
      expect((await check(devnet, `/txs/{hash}${e}`, `/txs/${unknown}${e}`)).status).toBe(404);
      expect((await check(devnet, `/txs/{hash}${e}`, `/txs/xyz${e}`)).status).toBe(400);
    }
  });

  it("serves blocks", async () => {
    const latest = await check(devnet, "/blocks/latest", "/blocks/latest");
    const tip = latest.body as { height: number; hash: string; tx_count: number };
    expect(tip).toMatchObject({ height: devnet.ledger.tip().height, tx_count: 1 });
    expect((await check(devnet, "/blocks/latest/txs", "/blocks/latest/txs")).body).toEqual([
      hashes.spend,
    ]);
    await check(devnet, "/blocks/{hash_or_number}", `/blocks/${tip.hash}`);
    const first = await check(devnet, "/blocks/{hash_or_number}", "/blocks/1");
    expect(first.body).toMatchObject({ height: 1, confirmations: tip.height - 1 });
    await check(devnet, "/blocks/{hash_or_number}", "/blocks/0");
    const txs = await check(devnet, "/blocks/{hash_or_number}/txs", "/blocks/1/txs");
    expect(txs.body).toEqual([hashes.funding]);
    await check(devnet, "/blocks/{hash_or_number}/txs", `/blocks/${tip.hash}/txs?order=desc`);
    expect((await check(devnet, "/blocks/{hash_or_number}", "/blocks/999999")).status).toBe(404);
    expect((await check(devnet, "/blocks/{hash_or_number}/txs", "/blocks/nope/txs")).status).toBe(
      400,
    );
  });

  it("serves assets with their CIP-25 metadata", async () => {
    const nft = await check(devnet, "/assets/{asset}", `/assets/${forging.unit}`);
    expect(nft.body).toMatchObject({
      asset: forging.unit,
      policy_id: forging.policyId,
      quantity: "1",
      initial_mint_tx_hash: hashes.lock,
      mint_or_burn_count: 1,
      onchain_metadata: { name: "Devnet NFT", image: "ipfs://devnet" },
      onchain_metadata_standard: "CIP25v1",
    });
    await check(devnet, "/assets/{asset}", `/assets/${DEVNET_USDM_UNIT}`);
    expect((await check(devnet, "/assets/{asset}", `/assets/${"cd".repeat(29)}`)).status).toBe(404);
    expect((await check(devnet, "/assets/{asset}", "/assets/xyz")).status).toBe(400);
    const policy = await check(
      devnet,
      "/assets/policy/{policy_id}",
      `/assets/policy/${forging.policyId}`,
    );
    expect(policy.body).toEqual([{ asset: forging.unit, quantity: "1" }]);
    expect((await check(devnet, "/assets/policy/{policy_id}", "/assets/policy/xyz")).status).toBe(
      400,
    );
  });

  it("serves an asset's holders, mint history and transactions", async () => {
    const nft = forging.unit;
    const holders = await check(devnet, "/assets/{asset}/addresses", `/assets/${nft}/addresses`);
    expect(holders.body).toEqual([{ address: user.address, quantity: "1" }]);
    const history = await check(devnet, "/assets/{asset}/history", `/assets/${nft}/history`);
    expect(history.body).toEqual([{ tx_hash: hashes.lock, action: "minted", amount: "1" }]);
    const txs = await check(
      devnet,
      "/assets/{asset}/transactions",
      `/assets/${nft}/transactions?count=1&from=1`,
    );
    expect(txs.body).toMatchObject([{ tx_hash: hashes.lock }]);
    const unknown = "cd".repeat(29);
    for (const route of ["addresses", "history", "transactions"]) {
      const endpoint = `/assets/{asset}/${route}`;
      expect((await check(devnet, endpoint, `/assets/${unknown}/${route}`)).status).toBe(404);
      expect((await check(devnet, endpoint, `/assets/xyz/${route}`)).status).toBe(400);
    }
    const neverMinted = `/assets/policy/${"cd".repeat(28)}`;
    expect((await check(devnet, "/assets/policy/{policy_id}", neverMinted)).status).toBe(404);
  });

  it("serves scripts and datums", async () => {
    const s = await check(devnet, "/scripts/{script_hash}", `/scripts/${script.hash}`);
    expect(s.body).toEqual({ script_hash: script.hash, type: "plutusV3", serialised_size: 6 });
    const cbor = await check(devnet, "/scripts/{script_hash}/cbor", `/scripts/${script.hash}/cbor`);
    expect(cbor.body).toEqual({ cbor: "450101002499" });
    // Mesh rebuilds a reference script from scripts/{hash} and /cbor: it must hash the same.
    const [withRef] = (await provider.fetchUTxOs(hashes.lock, 1)) as UTxO[];
    expect(withRef?.output.scriptHash).toBe(script.hash);
    expect(core.deserializeScriptRef(withRef!.output.scriptRef!).hash().toString()).toBe(
      script.hash,
    );
    expect(
      (await check(devnet, "/scripts/{script_hash}/json", `/scripts/${script.hash}/json`)).body,
    ).toEqual({
      json: null,
    });
    const native = await check(devnet, "/scripts/{script_hash}", `/scripts/${forging.policyId}`);
    expect(native.body).toMatchObject({ type: "timelock", serialised_size: null });
    const json = await check(
      devnet,
      "/scripts/{script_hash}/json",
      `/scripts/${forging.policyId}/json`,
    );
    expect(json.body).toMatchObject({ json: { type: "sig" } });
    expect(
      (await check(devnet, "/scripts/{script_hash}", `/scripts/${"ef".repeat(28)}`)).status,
    ).toBe(404);
    const datumHash = ((await provider.fetchUTxOs(hashes.lock, 0)) as UTxO[])[0]!.output.dataHash!;
    const datum = await check(
      devnet,
      "/scripts/datum/{datum_hash}/cbor",
      `/scripts/datum/${datumHash}/cbor`,
    );
    expect(datum.body).toEqual({ cbor: "4568656c6c6f" });
  });

  it("serves the root, health, network and protocol parameters", async () => {
    await check(devnet, "/", "/");
    await check(devnet, "/health", "/health");
    await check(devnet, "/health/clock", "/health/clock");
    await check(devnet, "/network", "/network");
    const params = await check(devnet, "/epochs/latest/parameters", "/epochs/latest/parameters");
    const p = params.body as Record<string, unknown>;
    expect(p).toMatchObject({
      min_fee_a: 44,
      min_fee_b: 155381,
      max_tx_size: 16384,
      coins_per_utxo_word: "4310",
      collateral_percent: 150,
      max_tx_ex_mem: "16500000",
      max_tx_ex_steps: "10000000000",
      min_fee_ref_script_cost_per_byte: 15,
    });
    const raw = p.cost_models_raw as Record<string, unknown>;
    expect(Array.isArray(raw.PlutusV3)).toBe(true);
    const epoch = p.epoch as number;
    await check(devnet, "/epochs/{number}/parameters", `/epochs/${epoch}/parameters`);
    expect(
      (await check(devnet, "/epochs/{number}/parameters", `/epochs/${epoch + 5}/parameters`))
        .status,
    ).toBe(404);
  });

  it("answers tx/submit: the hash, the ledger's reason, or 425 when the mempool is full", async () => {
    const utxos = await provider.fetchAddressUTxOs(user.address);
    const unsigned = await builder()
      .txOut(user.address, [{ unit: "lovelace", quantity: "3000000" }])
      .changeAddress(user.address)
      .selectUtxosFrom(utxos.filter((u) => u.output.amount.length > 1))
      .complete();
    const cbor = { method: "POST", headers: { "Content-Type": "application/cbor" } };
    const refused = await check(devnet, "/tx/submit", "/tx/submit", {
      ...cbor,
      body: Buffer.from(unsigned, "hex"),
    });
    expect(refused).toMatchObject({
      status: 400,
      body: { message: expect.stringMatching(/Missing key hashes/) },
    });
    const garbage = await check(devnet, "/tx/submit", "/tx/submit", {
      ...cbor,
      body: Buffer.from("84a0", "hex"),
    });
    expect(garbage.status).toBe(400);
    const signed = await user.wallet.signTx(unsigned);
    const accepted = await check(devnet, "/tx/submit", "/tx/submit", {
      ...cbor,
      body: Buffer.from(signed, "hex"),
    });
    expect(accepted.body).toBe(devnet.ledger.mempoolTxHashes()[0]);
    await confirm(accepted.body as string);

    const small = await startDevnet({ blockIntervalMs: 3_600_000, mempoolCapacity: 1 });
    try {
      await small.ledger.faucet(user.address, { lovelace: 5_000_000n });
      const full = await check(small, "/tx/submit", "/tx/submit", {
        ...cbor,
        body: Buffer.from(signed, "hex"),
      });
      expect(full.status).toBe(425);
    } finally {
      await small.close();
    }
  });

  it("answers utils/txs/evaluate/utxos in Ogmios's shape", async () => {
    // Pay from multi-asset UTxOs only, so the pure-ADA ones stay free for collateral.
    const before = await provider.fetchAddressUTxOs(user.address);
    const lock = await builder()
      .txOut(script.address, [{ unit: "lovelace", quantity: "4000000" }])
      .txOutInlineDatumValue("again")
      .changeAddress(user.address)
      .selectUtxosFrom(before.filter((u) => u.output.amount.length > 1))
      .complete();
    const lockHash = await provider.submitTx(await user.wallet.signTx(lock));
    const utxos = await provider.fetchAddressUTxOs(user.address);
    const collateral = utxos.find((u) => u.output.amount.length === 1)!;
    // The lock is still in the mempool: the devnet evaluates against confirmed + mempool.
    const spend = await builder({ fetcher: provider })
      .spendingPlutusScriptV3()
      .txIn(lockHash, 0, [{ unit: "lovelace", quantity: "4000000" }], script.address, 0)
      .txInInlineDatumPresent()
      .txInRedeemerValue("r", "Mesh", { mem: 1_000_000, steps: 1_000_000_000 })
      .txInScript(script.cbor)
      .txInCollateral(
        collateral.input.txHash,
        collateral.input.outputIndex,
        collateral.output.amount,
        collateral.output.address,
      )
      .changeAddress(user.address)
      .selectUtxosFrom([])
      .complete();
    const json = { method: "POST", headers: { "Content-Type": "application/json" } };
    const ok = await check(devnet, "/utils/txs/evaluate/utxos", "/utils/txs/evaluate/utxos", {
      ...json,
      body: JSON.stringify({ cbor: spend }),
    });
    const budget = (ok.body as { result: { EvaluationResult: Record<string, { memory: number }> } })
      .result.EvaluationResult["spend:0"];
    expect(budget?.memory).toBeGreaterThan(0);
    const bad = await check(devnet, "/utils/txs/evaluate/utxos", "/utils/txs/evaluate/utxos", {
      ...json,
      body: JSON.stringify({ nope: 1 }),
    });
    expect(bad).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^cbor/) } });
    devnet.ledger.produceBlock();
  });

  it("answers a failing script with Ogmios's ScriptFailures and the script's trace", async () => {
    const failing = scriptFacts(ALWAYS_FAILS_V3);
    const before = await provider.fetchAddressUTxOs(user.address);
    const lock = await builder()
      .txOut(failing.address, [{ unit: "lovelace", quantity: "4000000" }])
      .txOutInlineDatumValue("doomed")
      .changeAddress(user.address)
      .selectUtxosFrom(before.filter((u) => u.output.amount.length > 1))
      .complete();
    await confirm(await provider.submitTx(await user.wallet.signTx(lock)));
    const lockHash = core.resolveTxHash(lock);
    const collateral = (await provider.fetchAddressUTxOs(user.address)).find(
      (u) => u.output.amount.length === 1,
    )!;
    const spend = await builder({ fetcher: provider })
      .spendingPlutusScriptV3()
      .txIn(lockHash, 0, [{ unit: "lovelace", quantity: "4000000" }], failing.address, 0)
      .txInInlineDatumPresent()
      .txInRedeemerValue("r", "Mesh", { mem: 1_000_000, steps: 1_000_000_000 })
      .txInScript(failing.cbor)
      .txInCollateral(
        collateral.input.txHash,
        collateral.input.outputIndex,
        collateral.output.amount,
        collateral.output.address,
      )
      .changeAddress(user.address)
      .selectUtxosFrom([])
      .complete();
    const answer = await check(devnet, "/utils/txs/evaluate/utxos", "/utils/txs/evaluate/utxos", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ cbor: spend }),
    });
    expect(answer.body).toMatchObject({
      result: {
        EvaluationFailure: {
          ScriptFailures: { "spend:0": [{ validatorFailed: { traces: [ALWAYS_FAILS_TRACE] } }] },
        },
      },
    });
    // Mesh's evaluator surfaces the whole answer, trace included.
    await expect(provider.evaluateTx(spend)).rejects.toThrow(ALWAYS_FAILS_TRACE);
    // And the ledger refuses the transaction with the same trace in its reason.
    const refused = await check(devnet, "/tx/submit", "/tx/submit", {
      method: "POST",
      headers: { "Content-Type": "application/cbor" },
      body: Buffer.from(await user.wallet.signTx(spend), "hex"),
    });
    expect(refused).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining(ALWAYS_FAILS_TRACE) },
    });
  });

  it("serves the mempool: a lock and its pending spend, gone once in a block", async () => {
    // Pay from multi-asset UTxOs only, so the pure-ADA ones stay free for collateral.
    const before = await provider.fetchAddressUTxOs(user.address);
    const lock = await builder()
      .txOut(script.address, [{ unit: "lovelace", quantity: "4000000" }])
      .txOutInlineDatumValue("pending")
      .changeAddress(user.address)
      .selectUtxosFrom(before.filter((u) => u.output.amount.length > 1))
      .complete();
    const lockHash = await provider.submitTx(await user.wallet.signTx(lock));
    const collateral = before.find((u) => u.output.amount.length === 1)!;
    // The spend's script input is an output of the pending lock: resolved from the mempool.
    const spend = await builder({ fetcher: provider })
      .spendingPlutusScriptV3()
      .txIn(lockHash, 0, [{ unit: "lovelace", quantity: "4000000" }], script.address, 0)
      .txInInlineDatumPresent()
      .txInRedeemerValue("r", "Mesh", { mem: 1_000_000, steps: 1_000_000_000 })
      .txInScript(script.cbor)
      .txInCollateral(
        collateral.input.txHash,
        collateral.input.outputIndex,
        collateral.output.amount,
        collateral.output.address,
      )
      .changeAddress(user.address)
      .selectUtxosFrom([])
      .complete();
    const spendHash = await provider.submitTx(await user.wallet.signTx(spend));

    const listed = await check(devnet, "/mempool", "/mempool?order=desc");
    expect(listed.body).toEqual([{ tx_hash: spendHash }, { tx_hash: lockHash }]);
    expect((await check(devnet, "/mempool", "/mempool?count=1&page=2")).body).toEqual([
      { tx_hash: spendHash },
    ]);
    const pending = await check(devnet, "/mempool/{hash}", `/mempool/${spendHash}`);
    expect(pending.body).toMatchObject({
      tx: { hash: spendHash, redeemer_count: 1, valid_contract: true },
      inputs: [
        { address: script.address, tx_hash: lockHash, output_index: 0, collateral: false },
        { address: user.address, tx_hash: collateral.input.txHash, collateral: true },
      ],
      outputs: [{ address: user.address, output_index: 0, collateral: false }],
      redeemers: [{ tx_index: 0, purpose: "spend", unit_mem: "1000000" }],
    });
    const locking = await check(devnet, "/mempool/{hash}", `/mempool/${lockHash}`);
    expect(locking.body).not.toHaveProperty("redeemers");
    expect((locking.body as { outputs: unknown[] }).outputs[0]).toMatchObject({
      address: script.address,
      amount: [{ unit: "lovelace", quantity: "4000000" }],
      inline_datum: expect.any(String),
    });
    const atScript = `/mempool/addresses/${script.address}`;
    const touching = await check(devnet, "/mempool/addresses/{address}", atScript);
    expect(touching.body).toEqual([{ tx_hash: lockHash }, { tx_hash: spendHash }]);

    await confirm(spendHash);
    expect((await check(devnet, "/mempool", "/mempool")).body).toEqual([]);
    expect((await check(devnet, "/mempool/{hash}", `/mempool/${spendHash}`)).status).toBe(404);
    expect((await check(devnet, "/mempool/addresses/{address}", atScript)).status).toBe(404);
  });

  it("serves mempool errors", async () => {
    expect((await check(devnet, "/mempool", "/mempool?count=101")).status).toBe(400);
    expect((await check(devnet, "/mempool/{hash}", `/mempool/${"ab".repeat(32)}`)).status).toBe(
      404,
    );
    expect((await check(devnet, "/mempool/{hash}", "/mempool/xyz")).status).toBe(400);
    const bad = "/mempool/addresses/addr_test1xyz";
    expect((await check(devnet, "/mempool/addresses/{address}", bad)).status).toBe(400);
  });

  it("answers injected faults in Blockfrost's error shape", async () => {
    try {
      devnet.faults.set({ rate429: 1, rate500: 0, latencyMs: 0, seed: null });
      expect((await check(devnet, "/blocks/latest", "/blocks/latest")).status).toBe(429);
      devnet.faults.set({ rate429: 0, rate500: 1, latencyMs: 0, seed: null });
      expect((await check(devnet, "/txs/{hash}", `/txs/${hashes.lock}`)).status).toBe(500);
      expect((await check(devnet, "/mempool", "/mempool")).status).toBe(500);
    } finally {
      devnet.faults.set({ rate429: 0, rate500: 0, latencyMs: 0, seed: null });
    }
  });

  it("validated every Blockfrost route the devnet serves", () => {
    const app = createDevnetApp(devnet.ledger, devnet.faults, () => undefined);
    const served = new Set(
      app.routes
        .filter((r) => r.path.startsWith("/api/v0") && r.method !== "ALL")
        .map((r) => r.path.slice("/api/v0".length).replace(/:([a-z_]+)/g, "{$1}") || "/"),
    );
    expect([...served].filter((p) => !validated.has(p))).toEqual([]);
  });
});
