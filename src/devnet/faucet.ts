/**
 * The faucet: a wallet that holds the genesis funds and pays anyone through an ordinary signed
 * transaction, submitted by the normal path. Payments run one at a time and select from the
 * emulator's view (confirmed + mempool), so two payments never pick the same UTxO.
 */
import type { Serialization } from "@cardano-sdk/core";
import { parseTestnetAddress } from "./addresses.ts";
import { DevnetRequestError, TxRejectedError } from "./errors.ts";
import type { FaucetKey } from "./faucet-key.ts";
import { buildPayment, signedCbor } from "./faucet-tx.ts";
import { DEVNET_USDM_UNIT } from "./genesis.ts";
import { Semaphore } from "../semaphore.ts";
import type { Amount } from "./types.ts";

/** What one faucet call may pay: at most 1,000,000 ADA and 1,000,000,000 tUSDM. */
export const FAUCET_LIMITS = {
  lovelaceMax: 1_000_000_000_000n,
  assetQuantityMax: 1_000_000_000_000_000n,
  assetsMax: 4,
};

/** Units the faucet can pay besides lovelace. */
export const FAUCET_UNITS = new Set([DEVNET_USDM_UNIT]);

export interface FaucetRequest {
  lovelace?: bigint;
  assets?: { unit: string; quantity: bigint }[];
}

export interface FaucetDeps {
  /** The faucet's UTxOs as the emulator sees them (confirmed + mempool). */
  utxos: (address: string) => Serialization.TransactionUnspentOutput[];
  submit: (cborHex: string) => string;
}

/** A payment is retried once if the ledger moved under it (e.g. a rollback dropped its input). */
const ATTEMPTS_MAX = 2;

/** The faucet wallet and its payment queue. */
export class Faucet {
  private readonly lock = new Semaphore(1);

  readonly address: string;

  /** The faucet of `key` (see faucet-key.ts: derived once per ledger, as it is slow). */
  constructor(
    private readonly key: FaucetKey,
    private readonly deps: FaucetDeps,
  ) {
    this.address = key.address;
  }

  /** Pays `address`; returns the hash of the transaction (in the mempool, not yet in a block). */
  async pay(address: string, request: FaucetRequest): Promise<string> {
    const amounts = checkRequest(address, request);
    return this.lock.run(async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.payOnce(address, amounts);
        } catch (error) {
          const moved = error instanceof TxRejectedError && /Missing inputs/.test(error.reason);
          if (!moved || attempt >= ATTEMPTS_MAX) throw error;
        }
      }
    });
  }

  private async payOnce(address: string, amounts: Amount[]): Promise<string> {
    const body = buildPayment({
      utxos: this.deps.utxos(this.address),
      to: address,
      amounts,
      changeAddress: this.address,
    });
    return this.deps.submit(signedCbor(body, this.key.witness));
  }
}

function checkRequest(address: string, r: FaucetRequest): Amount[] {
  if (parseTestnetAddress(address) === null) {
    throw new DevnetRequestError("address", "must be a preprod (test network) address");
  }
  const lovelace = r.lovelace ?? 0n;
  if (lovelace < 0n || lovelace > FAUCET_LIMITS.lovelaceMax) {
    throw new DevnetRequestError("lovelace", `must be 0..${FAUCET_LIMITS.lovelaceMax}`);
  }
  const assets = r.assets ?? [];
  if (assets.length > FAUCET_LIMITS.assetsMax) {
    throw new DevnetRequestError("assets", `at most ${FAUCET_LIMITS.assetsMax} entries`);
  }
  assets.forEach((a, i) => {
    if (assets.findIndex((b) => b.unit === a.unit) !== i) {
      throw new DevnetRequestError(`assets.${i}.unit`, "appears twice");
    }
    if (!FAUCET_UNITS.has(a.unit)) {
      throw new DevnetRequestError(
        `assets.${i}.unit`,
        `the faucet holds only ${[...FAUCET_UNITS]}`,
      );
    }
    if (a.quantity <= 0n || a.quantity > FAUCET_LIMITS.assetQuantityMax) {
      throw new DevnetRequestError(
        `assets.${i}.quantity`,
        `must be 1..${FAUCET_LIMITS.assetQuantityMax}`,
      );
    }
  });
  if (lovelace === 0n && assets.length === 0) {
    throw new DevnetRequestError("lovelace", "ask for some lovelace or an asset");
  }
  // Without lovelace, the payment carries the output's minimum ADA (see faucet-tx.ts).
  return [...(lovelace > 0n ? [{ unit: "lovelace", quantity: lovelace }] : []), ...assets];
}
