/**
 * The one shared suite for the chain port: every backend (the devnet now, preprod when a
 * project id is at hand) runs these same cases through `describeChainPort`. A backend that
 * skips a case must say why where it calls the suite.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { core, mConStr0, serializePlutusScript, type UTxO } from "@meshsdk/core";
import { TxRejectedError } from "../src/chain/errors.ts";
import {
  createMeshEvaluator,
  createMeshFetcher,
  createOfflineEvaluator,
  readMeshBuildParams,
} from "../src/chain/mesh.ts";
import { networkId } from "../src/chain/network.ts";
import { describeAssetCases } from "./chain-port-assets.suite.ts";
import {
  builderFor,
  freshWallet,
  total,
  waitConfirmed,
  type ChainPortContext,
} from "./chain-suite-helpers.ts";

export type { ChainPortContext } from "./chain-suite-helpers.ts";

const ADA = 1_000_000n;
const UNKNOWN_HASH = "0123456789abcdef".repeat(4);
/** A Plutus V3 script that accepts anything: `(program 1.1.0 (lam _ (con unit ())))`. */
const ALWAYS_SUCCEEDS_V3 = "46450101002499";

/** Runs the chain port's common cases against the backend `makeContext` starts. */
export function describeChainPort(name: string, makeContext: () => Promise<ChainPortContext>) {
  describe(`chain port on ${name}`, () => {
    let ctx: ChainPortContext;
    beforeAll(async () => {
      ctx = await makeContext();
    });
    afterAll(async () => {
      await ctx?.close();
    });

    it("tip moves forward after a block", async () => {
      const before = await ctx.port.tip();
      await ctx.nextBlock();
      const after = await ctx.port.tip();
      expect(after.height).toBeGreaterThan(before.height);
      expect(after.slot).toBeGreaterThanOrEqual(before.slot);
      expect(after.hash).not.toBe(before.hash);
      expect(await ctx.port.block(after.height)).toMatchObject({ hash: after.hash });
    });

    it("reads a funded address's UTxOs with exact ADA and stablecoin amounts", async () => {
      const { address } = await freshWallet(ctx);
      expect(await ctx.port.utxos(address)).toEqual([]);
      await ctx.fund(address, { lovelace: 7_654_321n, assets: { [ctx.usdmUnit]: 12_345_678n } });
      const utxos = await ctx.port.utxos(address);
      expect(total(utxos, "lovelace")).toBe(7_654_321n);
      expect(total(utxos, ctx.usdmUnit)).toBe(12_345_678n);
      expect(utxos.every((u) => u.address === address)).toBe(true);
    });

    it("filters UTxOs by asset", async () => {
      const { address } = await freshWallet(ctx);
      await ctx.fund(address, { lovelace: 3n * ADA });
      await ctx.fund(address, { lovelace: 2n * ADA, assets: { [ctx.usdmUnit]: 5n * ADA } });
      expect(await ctx.port.utxos(address)).toHaveLength(2);
      const withUsdm = await ctx.port.utxos(address, { asset: ctx.usdmUnit });
      expect(withUsdm).toHaveLength(1);
      expect(withUsdm[0]?.value).toEqual({
        lovelace: 2n * ADA,
        assets: { [ctx.usdmUnit]: 5n * ADA },
      });
    });

    it("pages beyond 100 UTxOs", async () => {
      const payer = await freshWallet(ctx);
      const target = await freshWallet(ctx);
      await ctx.fund(payer.address, { lovelace: 250n * ADA });
      const outputsCount = 105;
      const builder = await builderFor(ctx);
      for (let i = 0; i < outputsCount; i++) {
        builder.txOut(target.address, [{ unit: "lovelace", quantity: (1_500_000 + i).toString() }]);
      }
      const unsigned = await builder
        .changeAddress(payer.address)
        .selectUtxosFrom(await payer.fetcher.fetchAddressUTxOs(payer.address))
        .complete();
      const hash = await ctx.port.submitTx(await payer.wallet.signTx(unsigned));
      await waitConfirmed(ctx, hash);
      const requestsBefore = ctx.port.stats().byEndpoint["addresses/{address}/utxos"] ?? 0;
      const utxos = await ctx.port.utxos(target.address);
      expect(utxos).toHaveLength(outputsCount);
      const expected =
        BigInt(outputsCount) * 1_500_000n + BigInt((outputsCount * (outputsCount - 1)) / 2);
      expect(total(utxos, "lovelace")).toBe(expected);
      expect(new Set(utxos.map((u) => u.outputIndex)).size).toBe(outputsCount);
      // Two pages: 100, then a short one that ends the read.
      expect(ctx.port.stats().byEndpoint["addresses/{address}/utxos"]).toBe(requestsBefore + 2);
    });

    it("reads sane protocol parameters", async () => {
      const p = await ctx.port.protocolParams();
      expect(p.minFeePerByteLovelace).toBeGreaterThan(0n);
      expect(p.minFeeConstantLovelace).toBeGreaterThan(0n);
      expect(p.maxTxSizeBytes).toBeGreaterThanOrEqual(16_384);
      expect(p.coinsPerUtxoByteLovelace).toBeGreaterThan(0n);
      expect(p.collateralPercent).toBeGreaterThan(0);
      expect(p.maxTxExMem).toBeGreaterThan(0n);
      expect(p.costModels.plutusV3.length).toBeGreaterThan(100);
      expect(p.costModels.plutusV1.length).toBeGreaterThan(100);
    });

    it("submits a MeshTxBuilder transaction through the Mesh adapters: pending, then confirmed", async () => {
      const payer = await freshWallet(ctx);
      const payee = await freshWallet(ctx);
      await ctx.fund(payer.address, { lovelace: 20n * ADA, assets: { [ctx.usdmUnit]: 10n * ADA } });
      const unsignedBuilder = await builderFor(ctx);
      const evaluations = () => ctx.port.stats().byEndpoint["utils/txs/evaluate/utxos"] ?? 0;
      const evaluationsBefore = evaluations();
      const unsigned = await unsignedBuilder
        .txOut(payee.address, [
          { unit: "lovelace", quantity: "2000000" },
          { unit: ctx.usdmUnit, quantity: "1500000" },
        ])
        .metadataValue(674, { msg: ["escrowd chain port suite"] })
        .changeAddress(payer.address)
        .selectUtxosFrom(await payer.fetcher.fetchAddressUTxOs(payer.address))
        .complete();
      // A payment without scripts costs no evaluation request.
      expect(evaluations()).toBe(evaluationsBefore);
      const hash = await payer.submitter.submitTx(await payer.wallet.signTx(unsigned));
      expect(hash).toBe(core.resolveTxHash(unsigned));

      const first = await ctx.port.txStatus(hash);
      const beforeBlock = ctx.servesMempool ? "pending" : "notFound";
      if (ctx.blocksOnDemand) expect(first).toEqual({ kind: beforeBlock });
      else expect([beforeBlock, "confirmed"]).toContain(first.kind);

      const status = await waitConfirmed(ctx, hash);
      expect(status.kind).toBe("confirmed");
      const info = await ctx.port.tx(hash);
      expect(info).toMatchObject({ txHash: hash, validContract: true });
      expect(status).toMatchObject({ blockHeight: info?.blockHeight, blockHash: info?.blockHash });
      expect(info?.feesLovelace).toBeGreaterThan(0n);

      const payeeUtxos = await ctx.port.utxos(payee.address);
      expect(total(payeeUtxos, "lovelace")).toBe(2_000_000n);
      expect(total(payeeUtxos, ctx.usdmUnit)).toBe(1_500_000n);
      const moved = await ctx.port.txUtxos(hash);
      const toPayee = moved?.outputs.filter((o) => o.address === payee.address);
      expect(toPayee?.map((o) => o.value)).toEqual([
        { lovelace: 2_000_000n, assets: { [ctx.usdmUnit]: 1_500_000n } },
      ]);
      expect(await ctx.port.txMetadata(hash)).toEqual([
        { label: "674", json: { msg: ["escrowd chain port suite"] } },
      ]);
    });

    it("gives the ledger's reason for a rejected transaction", async () => {
      const payer = await freshWallet(ctx);
      const payee = await freshWallet(ctx);
      await ctx.fund(payer.address, { lovelace: 10n * ADA });
      const unsignedBuilder = await builderFor(ctx);
      const unsigned = await unsignedBuilder
        .txOut(payee.address, [{ unit: "lovelace", quantity: "2000000" }])
        .changeAddress(payer.address)
        .selectUtxosFrom(await payer.fetcher.fetchAddressUTxOs(payer.address))
        .complete();
      // Unsigned: the ledger must name the missing witness.
      const error = await ctx.port.submitTx(unsigned).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TxRejectedError);
      const reason = (error as TxRejectedError).reason;
      expect(reason.length).toBeGreaterThan(10);
      expect(reason).not.toMatch(/^(HTTP )?400\b|^Bad Request$/);
      // Signed and accepted once, then sent again: its inputs are spent.
      const signed = await payer.wallet.signTx(unsigned);
      await waitConfirmed(ctx, await ctx.port.submitTx(signed));
      await expect(ctx.port.submitTx(signed)).rejects.toBeInstanceOf(TxRejectedError);
    });

    it("returns only newer history since a checkpoint, in chain order", async () => {
      const { address } = await freshWallet(ctx);
      expect(await ctx.port.addressTxsSince(address, null)).toEqual({
        txs: [],
        checkpoint: null,
        more: false,
      });
      const hashes: string[] = [];
      for (const lovelace of [2n * ADA, 3n * ADA, 4n * ADA])
        hashes.push(await ctx.fund(address, { lovelace }));

      const all = await ctx.port.addressTxsSince(address, null);
      expect(all.txs.map((t) => t.txHash)).toEqual(hashes);
      expect(all.more).toBe(false);
      const [first, , last] = all.txs;
      expect(all.checkpoint).toEqual({ height: last?.blockHeight, index: last?.txIndex });

      const sinceFirst = await ctx.port.addressTxsSince(address, {
        height: first!.blockHeight,
        index: first!.txIndex,
      });
      expect(sinceFirst.txs.map((t) => t.txHash)).toEqual(hashes.slice(1));
      const sinceLast = await ctx.port.addressTxsSince(address, all.checkpoint);
      expect(sinceLast).toEqual({ txs: [], checkpoint: all.checkpoint, more: false });

      const bounded = await ctx.port.addressTxsSince(address, null, { txsMax: 2 });
      expect(bounded.txs.map((t) => t.txHash)).toEqual(hashes.slice(0, 2));
      expect(bounded.more).toBe(true);
      const rest = await ctx.port.addressTxsSince(address, bounded.checkpoint, { txsMax: 2 });
      expect(rest.txs.map((t) => t.txHash)).toEqual(hashes.slice(2));
      expect(rest.more).toBe(false);
    });

    it("answers not found for an unknown transaction hash", async () => {
      expect(await ctx.port.txStatus(UNKNOWN_HASH)).toEqual({ kind: "notFound" });
      expect(await ctx.port.tx(UNKNOWN_HASH)).toBeNull();
      expect(await ctx.port.txUtxos(UNKNOWN_HASH)).toBeNull();
      expect(await ctx.port.txMetadata(UNKNOWN_HASH)).toBeNull();
      await expect(createMeshFetcher(ctx.port).fetchUTxOs(UNKNOWN_HASH)).rejects.toThrow(
        /not found/,
      );
    });

    it("reads the stablecoin asset", async () => {
      const asset = await ctx.port.asset(ctx.usdmUnit);
      expect(asset).toMatchObject({ unit: ctx.usdmUnit, policyId: ctx.usdmUnit.slice(0, 56) });
      expect(asset?.quantity).toBeGreaterThan(0n);
      expect(await ctx.port.asset("ab".repeat(28) + "00")).toBeNull();
    });

    it("evaluates a script spend on the backend and offline alike, and the ledger accepts it", async () => {
      const user = await freshWallet(ctx);
      await ctx.fund(user.address, { lovelace: 30n * ADA });
      const script = {
        code: core.normalizePlutusScript(ALWAYS_SUCCEEDS_V3, "DoubleCBOR"),
        version: "V3" as const,
      };
      const scriptAddress = serializePlutusScript(
        script,
        undefined,
        networkId(ctx.network),
      ).address;

      const lockBuilder = await builderFor(ctx);
      const lock = await lockBuilder
        .txOut(scriptAddress, [{ unit: "lovelace", quantity: "5000000" }])
        .txOutInlineDatumValue(mConStr0([]))
        .changeAddress(user.address)
        .selectUtxosFrom(await user.fetcher.fetchAddressUTxOs(user.address))
        .complete();
      const lockHash = await ctx.port.submitTx(await user.wallet.signTx(lock));
      await waitConfirmed(ctx, lockHash);

      const [locked] = (await user.fetcher.fetchUTxOs(lockHash, 0)) as UTxO[];
      const walletUtxos = await user.fetcher.fetchAddressUTxOs(user.address);
      const collateral = walletUtxos.find((u) => u.output.amount.length === 1);
      if (!locked || !collateral) throw new Error("no locked output or collateral");
      const spendBuilder = await builderFor(ctx);
      const spend = await spendBuilder
        .spendingPlutusScriptV3()
        .txIn(locked.input.txHash, locked.input.outputIndex, locked.output.amount, scriptAddress)
        .txInInlineDatumPresent()
        .txInRedeemerValue(mConStr0([]))
        .txInScript(script.code)
        .txInCollateral(
          collateral.input.txHash,
          collateral.input.outputIndex,
          collateral.output.amount,
          collateral.output.address,
        )
        .changeAddress(user.address)
        .selectUtxosFrom(walletUtxos)
        .complete();

      const onBackend = await createMeshEvaluator(ctx.port).evaluateTx(spend);
      const { costModels } = await readMeshBuildParams(ctx.port);
      const offline = await createOfflineEvaluator(createMeshFetcher(ctx.port), ctx.network, {
        plutusV1: costModels[0]!,
        plutusV2: costModels[1]!,
        plutusV3: costModels[2]!,
      });
      const local = await offline.evaluateTx(spend);
      expect(onBackend).toHaveLength(1);
      expect(onBackend[0]).toMatchObject({ tag: "SPEND", index: 0 });
      expect(onBackend[0]!.budget.mem).toBeGreaterThan(0);
      expect(local.map(({ tag, index, budget }) => ({ tag, index, budget }))).toEqual(onBackend);

      const spendHash = await ctx.port.submitTx(await user.wallet.signTx(spend));
      expect((await waitConfirmed(ctx, spendHash)).kind).toBe("confirmed");
    });

    describeAssetCases(() => ctx);
  });
}
