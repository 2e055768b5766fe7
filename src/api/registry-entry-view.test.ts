import { describe, expect, it } from "vitest";
import { type AgentMetadata, encodeAgentMetadata } from "../domain/mip002.ts";
import type { IndexRow } from "../services/registry-query.ts";
import { agentOf } from "./registry-entry-view.ts";

const USDM = "c48cbb3d5e57ed56e276bc45f99ab39abe94e6cd7ac39fb402da47ad0014df105553444d";
const agent = (name: string, amount: bigint): AgentMetadata => ({
  name,
  apiBaseUrl: "https://agent.example.com",
  exampleOutputs: [],
  capability: { name: "gpt", version: "1.0" },
  author: { name: "Ada" },
  tags: ["text"],
  pricing: { kind: "fixed", prices: [{ unit: USDM, amount }] },
});
const rowOf = (a: AgentMetadata, valid = true) =>
  ({
    agentIdentifier: "ab".repeat(28) + "01",
    valid,
    metadata: JSON.stringify(encodeAgentMetadata(a)),
  }) as unknown as IndexRow;

describe("agentOf", () => {
  it("decodes a stored form once and shares it, frozen, with every later reader", () => {
    const row = rowOf(agent("Summariser", 2n));
    const first = agentOf(row)!;
    expect(first.name).toBe("Summariser");
    expect(first.pricing).toEqual({ kind: "fixed", prices: [{ unit: USDM, amount: 2n }] });
    // A second row read from the database: another string with the same text.
    expect(agentOf({ ...row, metadata: `${row.metadata}` })).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(() => {
      (first.tags as string[]).push("changed");
    }).toThrow(TypeError);
  });

  it("decodes another stored form afresh, and none for an invalid row", () => {
    const a = agentOf(rowOf(agent("A", 1n)))!;
    const b = agentOf(rowOf(agent("A", 3n)))!;
    expect(b).not.toBe(a);
    expect(b.pricing).toEqual({ kind: "fixed", prices: [{ unit: USDM, amount: 3n }] });
    expect(agentOf(rowOf(agent("A", 1n), false))).toBeNull();
  });

  it("throws on a valid row whose stored form does not decode (a corrupted row)", () => {
    const row = { ...rowOf(agent("A", 1n)), metadata: JSON.stringify({ name: 42 }) };
    expect(() => agentOf(row)).toThrow(/does not decode/);
  });
});
