/** The devnet's expected failures, each a type the HTTP layer maps to Blockfrost's answer. */

/** The ledger refused a transaction; `reason` is the ledger's own text. */
export class TxRejectedError extends Error {
  constructor(
    readonly txHash: string | null,
    readonly reason: string,
  ) {
    super(`transaction rejected: ${reason}`);
    this.name = "TxRejectedError";
  }
}

/** The bytes are not a transaction at all. */
export class TxDecodeError extends Error {
  constructor(reason: string) {
    super(`transaction could not be decoded: ${reason}`);
    this.name = "TxDecodeError";
  }
}

/** The mempool holds as many transactions as it may; Blockfrost answers 425. */
export class MempoolFullError extends Error {
  constructor(readonly limit: number) {
    super(`Mempool is full (${limit} transactions), please try resubmitting again later.`);
    this.name = "MempoolFullError";
  }
}

/** A devnet control request that cannot be honoured (time backwards, rollback too deep, …). */
export class DevnetRequestError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = "DevnetRequestError";
  }
}

/** `waitForTx` gave up. */
export class WaitTimeoutError extends Error {
  constructor(
    readonly txHash: string,
    readonly timeoutMs: number,
  ) {
    super(`transaction ${txHash} was not in a block within ${timeoutMs} ms`);
    this.name = "WaitTimeoutError";
  }
}
