import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { guardedLookup, refusedAddress, refusedLiteralHost } from "./address-guard.ts";

describe("refusedAddress", () => {
  it.each([
    "127.0.0.1",
    "127.8.9.10",
    "10.0.0.1",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fc00::1",
    "fd12:3456::1",
    "fe80::1",
    "fe80::1%eth0",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "0:0:0:0:0:ffff:7f00:1",
    "::ffff:169.254.169.254",
    "::127.0.0.1",
    "64:ff9b::10.0.0.1",
  ])("refuses %s", (address) => {
    expect(refusedAddress(address)).toMatch(/loopback, private, link-local or reserved/);
  });

  it.each(["8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "::ffff:8.8.8.8"])(
    "allows %s",
    (address) => {
      expect(refusedAddress(address)).toBeNull();
    },
  );

  it("refuses what is not an address", () => {
    expect(refusedAddress("example.com")).toMatch(/not an IP address/);
  });
});

describe("refusedLiteralHost", () => {
  it("judges only literal addresses, and nothing when private targets are allowed", () => {
    expect(refusedLiteralHost("127.0.0.1", false)).not.toBeNull();
    expect(refusedLiteralHost("[::1]", false)).not.toBeNull();
    expect(refusedLiteralHost("hooks.example.com", false)).toBeNull();
    expect(refusedLiteralHost("127.0.0.1", true)).toBeNull();
  });
});

describe("guardedLookup", () => {
  const lookupOnce = (allowPrivate: boolean, answers: string[]) =>
    new Promise<{ err: Error | null; address: unknown }>((resolve) => {
      const lookup = guardedLookup({ allowPrivate, resolve: () => Promise.resolve(answers) });
      lookup("hooks.example.com", { all: true }, (err, address) => resolve({ err, address }));
    });

  it("answers the addresses of a public name", async () => {
    const r = await lookupOnce(false, ["93.184.216.34"]);
    expect(r.err).toBeNull();
    expect(r.address).toEqual([{ address: "93.184.216.34", family: 4 }]);
  });

  it("refuses a name with any private address, as the request's error", async () => {
    const r = await lookupOnce(false, ["93.184.216.34", "10.0.0.5"]);
    expect(r.err?.message).toMatch(/hooks.example.com: 10.0.0.5 is a loopback, private/);
  });

  it("lets private addresses through when allowed", async () => {
    expect((await lookupOnce(true, ["127.0.0.1"])).err).toBeNull();
  });

  it("refuses a name that turned private since it was configured (rebinding), without a hang", async () => {
    const server = http.createServer((_req, res) => res.end("reached"));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    let calls = 0;
    const resolve = () => Promise.resolve([++calls === 1 ? "93.184.216.34" : "127.0.0.1"]);
    try {
      await resolve(); // what a check at configuration time would have seen
      const err = await new Promise<Error>((done) => {
        const req = http.request(
          `http://hooks.example.com:${port}/`,
          { lookup: guardedLookup({ allowPrivate: false, resolve }), agent: false },
          () => done(new Error("the request reached the server")),
        );
        req.on("error", done);
        req.end();
      });
      expect(err.message).toMatch(/127\.0\.0\.1 is a loopback/);
    } finally {
      server.close();
    }
  });
});
