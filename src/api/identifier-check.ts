/** The blockchainIdentifier a route was given, refused with a 400 before any lookup when it cannot be one. */
import { decodeBlockchainIdentifier } from "../domain/blockchain-identifier.ts";
import { ApiError } from "./errors.ts";

export function checkIdentifier(id: string): void {
  const decoded = decodeBlockchainIdentifier(id);
  if (decoded.ok) return;
  const where = decoded.field === "blockchainIdentifier" ? "" : ` (terms: ${decoded.field})`;
  throw new ApiError(
    400,
    `blockchainIdentifier${where}: ${decoded.reason}`,
    "blockchainIdentifier",
  );
}
