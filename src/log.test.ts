import { describe, expect, it } from "vitest";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { describeError, isDisconnect } from "./log.ts";

describe("describeError", () => {
  it("keeps a failed query's class and SQLSTATE, never its SQL, params or the server's message", () => {
    const cause = Object.assign(new Error('invalid input syntax for type integer: "abandon"'), {
      code: "22P02",
      table: "wallets",
    });
    const err = new DrizzleQueryError(
      "insert into wallets values ($1)",
      ["abandon ability"],
      cause,
    );
    const line = describeError(err, true);
    expect(line).toBe("database error (DrizzleQueryError, SQLSTATE 22P02, table wallets)");
  });

  it("keeps the node's own errors as they are", () => {
    expect(describeError(new Error("boom"))).toBe("boom");
    expect(describeError(new RangeError("too far"))).toBe("RangeError: too far");
    expect(describeError("a string")).toBe("non-error thrown (string)");
  });
});

describe("isDisconnect", () => {
  it("knows a reset, a broken pipe and an abort, also as a cause", () => {
    const reset = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
    expect(isDisconnect(reset)).toBe(true);
    expect(isDisconnect(new Error("wrapped", { cause: reset }))).toBe(true);
    expect(isDisconnect(Object.assign(new Error("x"), { name: "AbortError" }))).toBe(true);
    expect(isDisconnect(new Error("boom"))).toBe(false);
  });
});
