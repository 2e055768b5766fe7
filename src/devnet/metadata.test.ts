import { describe, expect, it } from "vitest";
import { cip25Entries, cip25Standard, metadatumToJson, type Metadatum } from "./metadata.ts";

const POLICY = "ab".repeat(28);
const m = (entries: [Metadatum, Metadatum][]) => new Map<Metadatum, Metadatum>(entries);

describe("metadata as Blockfrost shows it", () => {
  it("writes bytes as 0x-hex, integers as numbers (strings beyond 2^53), keys as strings", () => {
    const json = metadatumToJson(
      m([
        ["msg", ["a", 1n]],
        [7n, new Uint8Array([1, 255])],
        ["big", 2n ** 64n],
      ]),
    );
    expect(json).toEqual({ msg: ["a", 1], "7": "0x01ff", big: "18446744073709551616" });
  });
});

describe("CIP-25 entries", () => {
  it("reads a v1 entry with a UTF-8 asset name", () => {
    const raw = m([
      [
        POLICY,
        m([
          [
            "Agent #1",
            m([
              ["name", "Agent"],
              ["image", "ipfs://x"],
            ]),
          ],
        ]),
      ],
    ]);
    const [entry] = cip25Entries(raw);
    expect(entry).toEqual({
      unit: POLICY + Buffer.from("Agent #1").toString("hex"),
      json: { name: "Agent", image: "ipfs://x" },
      version: 1,
    });
    expect(cip25Standard(entry!)).toBe("CIP25v1");
  });

  it("reads an asset name written in hex, and v2 byte keys", () => {
    const hexName = Buffer.from("tok").toString("hex");
    const v1 = cip25Entries(m([[POLICY, m([[hexName, m([["name", "T"]])]])]]));
    expect(v1.map((e) => e.unit)).toContain(POLICY + hexName);
    const v2 = cip25Entries(
      m([
        [Buffer.from(POLICY, "hex"), m([[Buffer.from("tok"), m([["name", "T"]])]])],
        ["version", 2n],
      ]),
    );
    expect(v2).toEqual([{ unit: POLICY + hexName, json: { name: "T" }, version: 2 }]);
    expect(cip25Standard(v2[0]!)).toBeNull(); // no image: not a valid CIP-25 entry
  });

  it("ignores what is not a policy map", () => {
    expect(cip25Entries(undefined)).toEqual([]);
    expect(cip25Entries(m([["not-a-policy", m([["x", m([])]])]]))).toEqual([]);
  });
});
