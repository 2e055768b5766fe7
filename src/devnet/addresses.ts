/** Address facts the devnet needs: validity on a test network, credentials, stake address. */
import { Cardano } from "@cardano-sdk/core";

type Address = Cardano.Address;

/** Parses an address of a test network (preprod); null when malformed or for mainnet. */
export function parseTestnetAddress(s: string): Address | null {
  if (s.length > 200) return null;
  let address: Address | null;
  try {
    address = Cardano.Address.fromString(s);
  } catch {
    return null;
  }
  if (!address) return null;
  if (address.getType() === Cardano.AddressType.Byron) return address;
  return address.getNetworkId() === Cardano.NetworkId.Testnet ? address : null;
}

/** The script hash of an address's payment part, or null for a key (or Byron) address. */
export function paymentScriptHash(s: string): string | null {
  const address = parseTestnetAddress(s);
  const payment = address?.getProps().paymentPart;
  return payment && payment.type === Cardano.CredentialType.ScriptHash ? payment.hash : null;
}

/** The reward address of a base address's stake part, as Blockfrost's `stake_address`. */
export function stakeAddressOf(address: Address): string | null {
  const base = address.asBase();
  if (!base) return null;
  const reward = Cardano.RewardAddress.fromCredentials(
    address.getNetworkId(),
    base.getStakeCredential(),
  );
  return reward.toAddress().toBech32();
}
