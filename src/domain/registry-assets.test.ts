import { describe, expect, it } from "vitest";
import { currentVersion, groupPolicyAssets, normaliseAgentIdentifier } from "./registry-assets.ts";

const POLICY = "ab".repeat(28);
const STEM = "72" + "11".repeat(28);
const name = (version: number) => STEM + version.toString(16).padStart(6, "0");
const asset = (assetName: string, quantity: bigint) => ({ unit: POLICY + assetName, quantity });

describe("groupPolicyAssets", () => {
  it("groups every version of a root under policy id + stem", () => {
    const other = "72" + "22".repeat(28) + "000000";
    const groups = groupPolicyAssets(POLICY, [
      asset(name(0), 0n),
      asset(other, 1n),
      asset(name(1), 1n),
    ]);
    expect(groups.map((g) => g.agentIdentifier)).toEqual([
      POLICY + STEM,
      POLICY + other.slice(0, 58),
    ]);
    expect(groups[0]!.assets.map((a) => a.version)).toEqual([0, 1]);
    expect(groups[0]!.layoutProblem).toBeUndefined();
  });

  it("keeps a name outside the layout apart, under its full name, with the problem", () => {
    const [g] = groupPolicyAssets(POLICY, [asset("4a554e4b", 1n)]);
    expect(g!.agentIdentifier).toBe(POLICY + "4a554e4b");
    expect(g!.layoutProblem).toMatch(/does not follow the registry layout/);
    expect(groupPolicyAssets(POLICY, [asset("", 1n)])[0]!.layoutProblem).toContain("(empty)");
  });
});

describe("currentVersion", () => {
  const group = (...assets: { unit: string; quantity: bigint }[]) =>
    groupPolicyAssets(POLICY, assets)[0]!;

  it("is the version held; once all are burned, the last one minted", () => {
    expect(currentVersion(group(asset(name(0), 0n), asset(name(1), 1n)))).toMatchObject({
      asset: { version: 1 },
      status: "active",
      problems: [],
    });
    expect(currentVersion(group(asset(name(1), 0n), asset(name(0), 0n)))).toMatchObject({
      asset: { version: 1 },
      status: "burned",
    });
  });

  it("names supply that no registry NFT can have", () => {
    const two = currentVersion(group(asset(name(0), 1n), asset(name(1), 1n)));
    expect(two.asset.version).toBe(1);
    expect(two.problems[0]).toMatch(/2 versions are held at once/);
    expect(currentVersion(group(asset(name(0), 3n))).problems[0]).toMatch(/supply .* is 3/);
  });
});

describe("normaliseAgentIdentifier", () => {
  it("turns policy + full name into policy + stem, and lowercases", () => {
    expect(normaliseAgentIdentifier((POLICY + name(7)).toUpperCase())).toBe(POLICY + STEM);
    expect(normaliseAgentIdentifier(POLICY + STEM)).toBe(POLICY + STEM);
    expect(normaliseAgentIdentifier(POLICY + "4a554e4b")).toBe(POLICY + "4a554e4b");
  });

  it("refuses what cannot be an identifier", () => {
    for (const bad of ["", "xyz", POLICY.slice(2), POLICY + "abc", POLICY + "00".repeat(33)]) {
      expect(normaliseAgentIdentifier(bad)).toBeNull();
    }
  });
});
