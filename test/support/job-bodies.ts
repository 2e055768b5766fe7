/**
 * The bodies a buyer's client sends for a job, apart from any node: light enough to load on a
 * benchmark's client thread without the node's modules.
 */

/** A job's identifiers, unique per call. */
let jobs = 0;
export function jobInput() {
  jobs++;
  return {
    identifierFromPurchaser: (0xabcdef00000000 + jobs).toString(16),
    inputHash: jobs.toString(16).padStart(64, "0"),
  };
}

/** The purchase body a buyer's SDK sends for payment view `p`. */
export function purchaseBody(p: any) {
  return {
    network: "Preprod",
    blockchainIdentifier: p.blockchainIdentifier,
    inputHash: p.inputHash,
    sellerVkey: p.SmartContractWallet.walletVkey,
    agentIdentifier: p.agentIdentifier,
    identifierFromPurchaser: p.identifierFromPurchaser,
    payByTime: p.payByTime,
    submitResultTime: p.submitResultTime,
    unlockTime: p.unlockTime,
    externalDisputeUnlockTime: p.externalDisputeUnlockTime,
  };
}
