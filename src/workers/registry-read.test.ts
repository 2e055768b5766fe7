import { describe, expect, it } from "vitest";
import { serializePlutusScript } from "@meshsdk/core";
import type { AssetInfo } from "../chain/port.ts";
import { encodeAgentMetadata } from "../domain/mip002.ts";
import { groupPolicyAssets } from "../domain/registry-assets.ts";
import { ALWAYS_SUCCEEDS_V3 } from "../devnet/test-support.ts";
import { buildEntry, paymentKeyHashOf } from "./registry-read.ts";

const POLICY = "ab".repeat(28);
const NAME = "72" + "11".repeat(28) + "000000";
const KEY_ADDRESS =
  "addr_test1qrwg9tdss24h9k2l40jraql8npkdm69yp50a59auan8gaq7ja8l378x66pnc63cg94nqul5q67twv3ycvgxvrhmyrnssgtjsln";
const SCRIPT_ADDRESS = serializePlutusScript({ code: ALWAYS_SUCCEEDS_V3, version: "V3" }).address;
const AGENT = {
  name: "A",
  apiBaseUrl: "https://a.example.com",
  exampleOutputs: [],
  author: { name: "Ada" },
  tags: ["x"],
  pricing: { kind: "free" as const },
};

const group = (quantity = 1n) => groupPolicyAssets(POLICY, [{ unit: POLICY + NAME, quantity }])[0]!;
const info = (onchainMetadata: Record<string, unknown> | null): AssetInfo => ({
  unit: POLICY + NAME,
  policyId: POLICY,
  assetNameHex: NAME,
  fingerprint: "asset1",
  quantity: 1n,
  initialMintTxHash: "00".repeat(32),
  mintOrBurnCount: 1,
  onchainMetadata,
});

describe("paymentKeyHashOf", () => {
  it("reads key addresses only", () => {
    expect(paymentKeyHashOf(KEY_ADDRESS)).toBe(
      "dc82adb082ab72d95fabe43e83e7986cdde8a40d1fda17bcecce8e83",
    );
    expect(paymentKeyHashOf(SCRIPT_ADDRESS)).toBeNull();
    expect(
      paymentKeyHashOf("Ae2tdPwUPEZ4YjgvykNpoFeYUxoyhNj2kg8KfKWN2FizsSpLUPv68MpTVDo"),
    ).toBeNull();
    expect(paymentKeyHashOf("junk")).toBeNull();
  });
});

describe("buildEntry", () => {
  it("stores a valid agent with its search and filter columns", () => {
    const wire = encodeAgentMetadata(AGENT);
    const e = buildEntry("preprod", group(), info(wire as never), [
      { address: KEY_ADDRESS, quantity: 1n },
    ]);
    expect(e).toMatchObject({ valid: true, name: "A", pricingType: "Free", tags: ["x"] });
    expect(JSON.parse(e.metadata!)).toEqual(wire);
  });

  it("marks missing metadata and a supply above one as invalid, never throwing", () => {
    expect(buildEntry("preprod", group(), info(null), []).invalidReasons).toEqual([
      `no CIP-25 (label 721) metadata for ${NAME}`,
    ]);
    const wire = encodeAgentMetadata(AGENT) as never;
    const many = buildEntry("preprod", group(5n), info(wire), []);
    expect(many).toMatchObject({ valid: false, name: null });
    expect(many.invalidReasons[0]).toMatch(/supply .* is 5, not 1/);
  });

  it("keeps a script holder's address without a key hash", () => {
    const e = buildEntry("preprod", group(), info(null), [
      { address: SCRIPT_ADDRESS, quantity: 1n },
    ]);
    expect(e).toMatchObject({ holderAddress: SCRIPT_ADDRESS, holderPaymentKeyHash: null });
  });
});
