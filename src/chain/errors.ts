/**
 * Typed failures of the chain port. Callers branch on the class: a rejected transaction is a
 * fact about the transaction, the others are facts about the connection to the chain.
 */

/** Base class of every failure the chain port reports. */
export abstract class ChainError extends Error {
  abstract readonly kind: string;
}

/** The backend answered with an HTTP error that is not retried (a 4xx other than 429). */
export class ChainHttpError extends ChainError {
  readonly kind = "http";
  constructor(
    readonly endpoint: string,
    readonly statusCode: number,
    /** The backend's message (Blockfrost's `message` field). */
    readonly detail: string,
    readonly body?: unknown,
  ) {
    super(`${endpoint}: HTTP ${statusCode}: ${detail}`);
    this.name = "ChainHttpError";
  }
}

/** The request never got an HTTP answer: connection refused or reset, DNS, timeout. */
export class ChainTransportError extends ChainError {
  readonly kind = "transport";
  constructor(
    readonly endpoint: string,
    readonly code: string,
    detail: string,
  ) {
    super(`${endpoint}: ${code}: ${detail}`);
    this.name = "ChainTransportError";
  }
}

/** Every attempt allowed by the retry policy failed with a retryable error; the last is `cause`. */
export class ChainRetryExhaustedError extends ChainError {
  readonly kind = "retryExhausted";
  constructor(
    readonly endpoint: string,
    readonly attempts: number,
    override readonly cause: ChainHttpError | ChainTransportError,
  ) {
    super(`${endpoint}: gave up after ${attempts} attempts; last: ${cause.message}`);
    this.name = "ChainRetryExhaustedError";
  }

  /** The HTTP status of the last attempt, or null when it got no HTTP answer. */
  get lastStatusCode(): number | null {
    return this.cause instanceof ChainHttpError ? this.cause.statusCode : null;
  }
}

/** The ledger refused the transaction; `reason` is the ledger's own account of why. */
export class TxRejectedError extends ChainError {
  readonly kind = "txRejected";
  constructor(
    readonly reason: string,
    /**
     * True when an earlier attempt of this submission failed without an answer, so the backend
     * may have accepted it then and refuses the copy now ("already in the mempool", spent
     * inputs): check the transaction's status before treating it as refused.
     */
    readonly afterAmbiguousAttempt: boolean,
  ) {
    super(`transaction rejected: ${reason}`);
    this.name = "TxRejectedError";
  }
}

/** Script evaluation failed; `failure` is the evaluator's report (Ogmios' EvaluationFailure). */
export class TxEvaluationError extends ChainError {
  readonly kind = "txEvaluation";
  constructor(readonly failure: unknown) {
    super(`transaction evaluation failed: ${JSON.stringify(failure)}`);
    this.name = "TxEvaluationError";
  }
}

/** The backend answered 200 with a body that breaks the API's contract. */
export class ChainResponseError extends ChainError {
  readonly kind = "response";
  constructor(
    readonly endpoint: string,
    detail: string,
  ) {
    super(`${endpoint}: unexpected response: ${detail}`);
    this.name = "ChainResponseError";
  }
}

/** A bound on pages or items was reached; the result would have been incomplete. */
export class ChainLimitError extends ChainError {
  readonly kind = "limit";
  constructor(
    readonly endpoint: string,
    readonly limitName: string,
    readonly limit: number,
  ) {
    super(
      `${endpoint}: more results than ${limitName} (${limit}) allows; raise it to read them all`,
    );
    this.name = "ChainLimitError";
  }
}

/**
 * A resume point the caller gave (a transaction hash from an earlier answer) is not in the
 * backend's answer: it was rolled back, or never belonged there. Read again from the start.
 */
export class ChainCheckpointError extends ChainError {
  readonly kind = "checkpoint";
  constructor(
    readonly endpoint: string,
    readonly checkpoint: string,
  ) {
    super(`${endpoint}: ${checkpoint} is not in the answer (rolled back?); read from the start`);
    this.name = "ChainCheckpointError";
  }
}
