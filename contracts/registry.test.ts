/**
 * The agent-registry policy on the ledger: minting several agents from spent inputs, burning,
 * updating (burn v, mint v+1 of the same root), and the refusals that keep names unique.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { MeshTxBuilder, type UTxO } from "@meshsdk/core";
import { escrowAddress } from "./blueprint.ts";
import { pConstr, toCbor } from "./plutus-data.ts";
import { DEVNET_MESH_PARAMS } from "./test-support/chain.ts";
import { RegistryTrace as T } from "./registry/layout.ts";
import {
  nextRegistryAssetName,
  registryAssetName,
  registryMintRedeemer,
  registryStem,
  REGISTRY_BURN_REDEEMER,
  REGISTRY_UPDATE_REDEEMER,
} from "./registry-data.ts";
import { walletOf } from "./test-support/escrow-tx.ts";
import { expectLedgerTrace, FIXED_EX_UNITS } from "./test-support/expect.ts";
import { setup, type Fixture } from "./test-support/fixture.ts";
import type { Party } from "./test-support/parties.ts";
import { holding, submitRegistry, type RegistryPlan } from "./test-support/registry-tx.ts";

let f: Fixture;
beforeAll(async () => {
  f = await setup();
});

const unitOf = (name: string): string => f.d.registry.hash + name;
const nameOf = (u: UTxO, version = 0): string =>
  registryAssetName(u.input.txHash, u.input.outputIndex, version);

/** `count` of the party's spendable UTxOs (funded as needed), to root new agents on. */
async function refsOf(p: Party, count: number): Promise<UTxO[]> {
  for (let i = walletOf(f.chain, p).spendable.length; i < count; i++) {
    await f.chain.fund(p.address, 10_000_000n);
  }
  return walletOf(f.chain, p).spendable.slice(0, count);
}

async function mintAgents(p: Party, count: number): Promise<string[]> {
  const refs = await refsOf(p, count);
  const names = refs.map((u) => nameOf(u));
  await submitRegistry(f.chain, f.d, {
    holder: p,
    spend: refs,
    mint: Object.fromEntries(names.map((n) => [n, 1n])),
    redeemer: registryMintRedeemer(refs.map((u) => u.input)),
  });
  return names;
}

/** Sends the plan to the ledger unevaluated and expects the policy to fail with `trace`. */
async function expectRefused(p: RegistryPlan, trace: string): Promise<void> {
  const error = await submitRegistry(f.chain, f.d, p, { fixedExUnits: FIXED_EX_UNITS }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expectLedgerTrace(error, trace);
}

describe("minting", () => {
  it("mints several agents in one transaction, each named after an input it spends", async () => {
    const names = await mintAgents(f.seller, 2);
    expect(new Set(names).size).toBe(2);
    for (const n of names) {
      expect(n).toHaveLength(64);
      expect(holding(f.chain, f.seller, unitOf(n))).toBeDefined();
    }
  });

  it("refuses a name that no spent input derives (a collision would need a spent ref twice)", async () => {
    const [ref] = await refsOf(f.buyer, 1);
    const [other] = await refsOf(f.seller, 1);
    await expectRefused(
      {
        holder: f.buyer,
        spend: [ref as UTxO],
        mint: { [nameOf(other as UTxO)]: 1n },
        redeemer: registryMintRedeemer([(ref as UTxO).input]),
      },
      T.nameNotDerived,
    );
  });

  it("refuses a ref the transaction does not spend", async () => {
    const [other] = await refsOf(f.seller, 1);
    await expectRefused(
      {
        holder: f.buyer,
        spend: [],
        mint: { [nameOf(other as UTxO)]: 1n },
        redeemer: registryMintRedeemer([(other as UTxO).input]),
      },
      T.refNotSpent,
    );
  });

  it("refuses minting more than one token of a name", async () => {
    const [ref] = await refsOf(f.buyer, 1);
    await expectRefused(
      {
        holder: f.buyer,
        spend: [ref as UTxO],
        mint: { [nameOf(ref as UTxO)]: 2n },
        redeemer: registryMintRedeemer([(ref as UTxO).input]),
      },
      T.mintOne,
    );
  });

  it("refuses an unauthorised re-mint of an existing agent's name", async () => {
    // The original ref is spent for good: its name can never be minted again by Mint.
    const [name] = await mintAgents(f.seller, 1);
    const tokenUtxo = holding(f.chain, f.seller, unitOf(name as string));
    const [ref] = await refsOf(f.buyer, 1);
    await expectRefused(
      {
        holder: f.buyer,
        spend: [ref as UTxO],
        mint: { [name as string]: 1n },
        redeemer: registryMintRedeemer([(ref as UTxO).input]),
      },
      T.nameNotDerived,
    );
    // And an "update" to its next version by someone who cannot burn it.
    const [own] = await mintAgents(f.buyer, 1);
    await expectRefused(
      {
        holder: f.buyer,
        spend: [holding(f.chain, f.buyer, unitOf(own as string))],
        mint: { [own as string]: -1n, [nextRegistryAssetName(name as string)]: 1n },
        redeemer: REGISTRY_UPDATE_REDEEMER,
      },
      T.updateWithoutBurn,
    );
    expect(tokenUtxo).toBeDefined();
  });
});

describe("burning and updating", () => {
  it("lets the holder burn its agent, one token", async () => {
    const [name] = await mintAgents(f.seller, 1);
    const unit = unitOf(name as string);
    await submitRegistry(f.chain, f.d, {
      holder: f.seller,
      spend: [holding(f.chain, f.seller, unit)],
      mint: { [name as string]: -1n },
      redeemer: REGISTRY_BURN_REDEEMER,
    });
    expect(
      f.chain.utxosAt(f.seller.address).some((u) => u.output.amount.some((a) => a.unit === unit)),
    ).toBe(false);
  });

  it("updates an agent: burns version 0 and mints version 1 of the same root in one transaction", async () => {
    const [name] = await mintAgents(f.seller, 1);
    const next = nextRegistryAssetName(name as string);
    await submitRegistry(f.chain, f.d, {
      holder: f.seller,
      spend: [holding(f.chain, f.seller, unitOf(name as string))],
      mint: { [name as string]: -1n, [next]: 1n },
      redeemer: REGISTRY_UPDATE_REDEEMER,
    });
    expect(registryStem(next)).toBe(registryStem(name as string));
    expect(holding(f.chain, f.seller, unitOf(next))).toBeDefined();
  });

  it("refuses an update that mints without burning", async () => {
    const [name] = await mintAgents(f.seller, 1);
    await expectRefused(
      {
        holder: f.seller,
        spend: [],
        mint: { [nextRegistryAssetName(name as string)]: 1n },
        redeemer: REGISTRY_UPDATE_REDEEMER,
      },
      T.updateCounts,
    );
  });

  it("refuses burning under the Burn redeemer while minting", async () => {
    const [name] = await mintAgents(f.seller, 1);
    await expectRefused(
      {
        holder: f.seller,
        spend: [holding(f.chain, f.seller, unitOf(name as string))],
        mint: { [name as string]: -1n, [nextRegistryAssetName(name as string)]: 1n },
        redeemer: REGISTRY_BURN_REDEEMER,
      },
      T.burnOnly,
    );
  });
});

describe("the refusals that keep one agent one token", () => {
  it("agent_root_split_into_several_names: an Update minting names of 31 and 30 bytes is refused", async () => {
    // One agent and two throwaway ones burnt; three names of the agent's root minted, each read
    // as version 1 (the version is bytes 29–31, whatever the name's length).
    const [agent, junk1, junk2] = (await mintAgents(f.seller, 3)) as [string, string, string];
    const stem = registryStem(agent);
    const spend = [agent, junk1, junk2].map((n) => holding(f.chain, f.seller, unitOf(n)));
    await expectRefused(
      {
        holder: f.seller,
        spend: [
          ...new Map(spend.map((u) => [`${u.input.txHash}#${u.input.outputIndex}`, u])).values(),
        ],
        mint: {
          [agent]: -1n,
          [junk1]: -1n,
          [junk2]: -1n,
          [`${stem}000001`]: 1n,
          [`${stem}0001`]: 1n,
          [`${stem}01`]: 1n,
        },
        redeemer: REGISTRY_UPDATE_REDEEMER,
      },
      T.nameLength,
    );
  });

  it("refuses an Update whose quantities are not +1/-1 (updateShape)", async () => {
    const [agent, other] = (await mintAgents(f.seller, 2)) as [string, string];
    // Counts balance (one +1, one -1); the third token, +2, is the wrong shape.
    await expectRefused(
      {
        holder: f.seller,
        spend: [holding(f.chain, f.seller, unitOf(agent))],
        mint: {
          [agent]: -1n,
          [nextRegistryAssetName(agent)]: 1n,
          [nextRegistryAssetName(other)]: 2n,
        },
        redeemer: REGISTRY_UPDATE_REDEEMER,
      },
      T.updateShape,
    );
  });

  it("refuses an unknown redeemer (badRedeemer)", async () => {
    const [agent] = (await mintAgents(f.seller, 1)) as [string];
    await expectRefused(
      {
        holder: f.seller,
        spend: [holding(f.chain, f.seller, unitOf(agent))],
        mint: { [agent]: -1n },
        redeemer: pConstr(3, []),
      },
      T.badRedeemer,
    );
  });

  it("refuses to run for any purpose but minting (purpose)", async () => {
    // Coins parked at the policy's own script address, spent with the policy as validator.
    const scriptAddress = escrowAddress(f.d.registry.hash, 0);
    const park = await new MeshTxBuilder({ params: DEVNET_MESH_PARAMS })
      .txOut(scriptAddress, [{ unit: "lovelace", quantity: "5000000" }])
      .txOutInlineDatumValue(toCbor(pConstr(0, [])), "CBOR")
      .changeAddress(f.buyer.address)
      .selectUtxosFrom(walletOf(f.chain, f.buyer).spendable)
      .complete();
    f.chain.submit(await f.buyer.wallet.signTx(park));
    const parked = f.chain.utxosAt(scriptAddress)[0] as UTxO;
    const { collateral: c, spendable } = walletOf(f.chain, f.buyer);
    const ref = f.d.registryRef;
    const unsigned = await new MeshTxBuilder({
      params: DEVNET_MESH_PARAMS,
      fetcher: f.chain.fetcher,
    })
      .spendingPlutusScriptV3()
      .txIn(parked.input.txHash, parked.input.outputIndex, parked.output.amount, scriptAddress)
      .txInInlineDatumPresent()
      .txInRedeemerValue(toCbor(REGISTRY_BURN_REDEEMER), "CBOR", FIXED_EX_UNITS)
      .spendingTxInReference(
        ref.txHash,
        ref.outputIndex,
        String(f.d.registry.sizeBytes),
        f.d.registry.hash,
      )
      .txInCollateral(c.input.txHash, c.input.outputIndex, c.output.amount, c.output.address)
      .changeAddress(f.buyer.address)
      .selectUtxosFrom(spendable)
      .complete();
    const error = await f.buyer.wallet
      .signTx(unsigned)
      .then(
        (signed) => f.chain.submit(signed),
        (e: unknown) => e,
      )
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expectLedgerTrace(error, T.purpose);
  });
});
