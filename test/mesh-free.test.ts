/**
 * What must load and work without Mesh, which costs a thread 100 MB and more: the node's key
 * derivation, hashing and voucher modules, the contracts' off-chain API (scripts with parameters
 * applied, hashes, addresses) and the devnet's thread. Each runs in a process of its own whose
 * module resolver refuses any `@meshsdk/` package, so an import of Mesh, however indirect,
 * fails the test and names its importer. (Vitest's own process has Mesh loaded already, so it
 * could not tell.) A build thread loads Mesh's parts only, never `@meshsdk/core` and the provider
 * package it brings (src/chain/mesh-lib.ts); that is checked the same way.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { escrowAddress, escrowScript } from "../contracts/index.ts";
import { DEVNET_ESCROW_ADMIN_KEY_HASHES, devnetEscrowParams } from "../src/chain/escrow/admins.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** A module resolver that refuses the packages whose names match `refused` (a RegExp source). */
const refusing = (refused: string) => `export async function resolve(specifier, context, next) {
  if (new RegExp(${JSON.stringify(refused)}).test(specifier)) {
    throw new Error("imported " + specifier + " from " + context.parentURL);
  }
  return next(specifier, context);
}`;
const ANY_MESH = "^@meshsdk/";
const MESH_CORE_OR_PROVIDER = "^@meshsdk/(core|provider)(/|$)";

/**
 * Runs `body` (an ES module; `at(file)` imports a file of the project) where the packages matching
 * `refused` cannot be imported, and parses its output.
 */
async function runWithoutMesh(
  body: string,
  timeoutMs: number,
  refused = ANY_MESH,
): Promise<unknown> {
  const child = `
import { register } from "node:module";
register("data:text/javascript," + encodeURIComponent(${JSON.stringify(refusing(refused))}));
const at = (file) => import(new URL(file, ${JSON.stringify(pathToFileURL(`${ROOT}/`).href)}).href);
${body}`;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--import", "tsx", "--input-type=module", "-e", child],
    { cwd: ROOT, timeout: timeoutMs },
  );
  return JSON.parse(stdout);
}

const KEYS_AND_CONTRACTS = `
const { walletKeysOf, newMnemonic } = await at("src/domain/wallet-derivation.ts");
const { createVoucherSigner, signVoucher } = await at("src/domain/voucher-signer.ts");
const { verifyVoucher } = await at("src/domain/voucher.ts");
const { decodeBlockchainIdentifier } = await at("src/domain/blockchain-identifier.ts");
const { registryRoot } = await at("contracts/registry-data.ts");
const { loadEscrowAdmins, DEVNET_ESCROW_ADMINS, devnetEscrowParams } = await at("src/chain/escrow/admins.ts");
const contracts = await at("contracts/index.ts");
// The main thread: everything it imports at start (src/chain/mesh-lib.ts).
const node = await at("src/node.ts");
const escrow = contracts.escrowScript(devnetEscrowParams());
const words = newMnemonic();
const keys = await walletKeysOf(words, "preprod");
const signer = await createVoucherSigner(words);
const terms = { scriptHash: "11".repeat(28), reference: "22".repeat(16), unit: "lovelace", total: 5n };
const admins = await loadEscrowAdmins(DEVNET_ESCROW_ADMINS, "preprod");
console.log(JSON.stringify({
  sameKey: signer.keyHashHex === keys.paymentKeyHash,
  voucher: verifyVoucher(signVoucher(signer, terms), keys.paymentKeyHash).ok,
  identifier: decodeBlockchainIdentifier("AA").ok,
  root: registryRoot("ab".repeat(32), 1).length,
  admins: admins.keyHashes,
  startNode: typeof node.startNode,
  escrow: { hash: escrow.hash, sizeBytes: escrow.sizeBytes, address: contracts.escrowAddress(escrow.hash, 0) },
}));
`;

/** The devnet's thread: it starts a devnet, pays from the faucet, makes a block, answers. */
const DEVNET = `
const { runDevnetThread } = await at("src/devnet/thread-run.ts");
const { startDevnet } = await at("src/devnet/index.ts");
const devnet = await startDevnet({ blockIntervalMs: 3_600_000, emptyBlockIntervalMs: 0 });
const address = devnet.ledger.faucetAddress;
const txHash = await devnet.ledger.faucet(address, { lovelace: 5_000_000n });
devnet.ledger.produceBlock();
const tx = await (await fetch(devnet.blockfrostUrl + "/txs/" + txHash)).json();
const utxos = await (await fetch(devnet.blockfrostUrl + "/addresses/" + address + "/utxos")).json();
await devnet.close();
console.log(JSON.stringify({
  thread: typeof runDevnetThread,
  confirmed: tx.hash === txHash,
  utxos: utxos.length > 0,
}));
`;

/** A build thread's modules, Mesh loaded as a build loads it, a wallet opened, a tx decoded. */
const BUILD_THREAD = `
const thread = await at("src/workers/build-thread.ts");
const { loadMesh } = await at("src/chain/mesh-lib.ts");
const { meshWallet } = await at("src/services/wallet-keys.ts");
const { newMnemonic } = await at("src/domain/wallet-derivation.ts");
const { MeshTxBuilder, core } = await loadMesh();
const wallet = meshWallet("preprod", newMnemonic());
const address = await wallet.getChangeAddress();
console.log(JSON.stringify({
  thread: typeof thread.default,
  builder: typeof new MeshTxBuilder().complete,
  address: core.Address.fromBech32(address).toBech32() === address,
}));
`;

describe("key derivation, hashing, vouchers, the contracts' API and the devnet without Mesh", () => {
  it("load and work in a process that refuses to import Mesh", async () => {
    const escrow = escrowScript(devnetEscrowParams());
    expect(await runWithoutMesh(KEYS_AND_CONTRACTS, 60_000)).toEqual({
      sameKey: true,
      voucher: true,
      identifier: false,
      root: 56,
      admins: DEVNET_ESCROW_ADMIN_KEY_HASHES,
      startNode: "function",
      // The same script as here, where Mesh is loaded (blueprint.test.ts compares it with Mesh's).
      escrow: {
        hash: escrow.hash,
        sizeBytes: escrow.sizeBytes,
        address: escrowAddress(escrow.hash, 0),
      },
    });
  }, 60_000);

  it("the devnet's thread loads and runs in a process that refuses to import Mesh", async () => {
    expect(await runWithoutMesh(DEVNET, 30_000)).toEqual({
      thread: "function",
      confirmed: true,
      utxos: true,
    });
  }, 30_000);

  it("a build thread loads Mesh's parts, not @meshsdk/core and its provider", async () => {
    expect(await runWithoutMesh(BUILD_THREAD, 60_000, MESH_CORE_OR_PROVIDER)).toEqual({
      thread: "function",
      builder: "function",
      address: true,
    });
  }, 60_000);
});
