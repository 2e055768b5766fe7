/**
 * `GET /payment-information` in both shapes at once: escrowd's (`SellerWallet`,
 * `AgentPricing.Pricing`, the metadata under `Metadata`) and the one the peer's registry service
 * answers, which its clients read (`sellerWallet`, `AgentPricing.FixedPricing.Amounts`, the
 * metadata fields at the top level). The two never disagree: both come from the same agent.
 */
import type { agentView } from "./agent-view.ts";

type AgentFields = ReturnType<typeof agentView>;

/** The answer's data, given the agent's fields and where its NFT lives. */
export function paymentInformationView(
  metadata: AgentFields,
  ids: { agentIdentifier: string; policyId: string; assetName: string },
  seller: { address: string; vkey: string },
) {
  const pricing = metadata.AgentPricing;
  const AgentPricing =
    "Pricing" in pricing
      ? { ...pricing, FixedPricing: { Amounts: pricing.Pricing } }
      : { ...pricing };
  return {
    // The peer's flat metadata first, so escrowd's own fields below win on a shared name.
    ...metadata,
    ...ids,
    // `vkey` is the payment key hash, as the peer's sellerVKey is.
    SellerWallet: seller,
    sellerWallet: seller,
    AgentPricing,
    Metadata: metadata,
  };
}
