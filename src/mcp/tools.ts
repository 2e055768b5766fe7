/**
 * The MCP tools: each is one route of the node's API, called in process with the caller's own
 * key, so a tool does exactly what the route does (its validation, permission, idempotency and
 * answers) and has no code path of its own. A tool's input is the route's JSON body, or its
 * query for a GET; its schema is the one the route documents.
 */
import type { Permission } from "../api/auth.ts";

export interface ToolRoute {
  name: string;
  description: string;
  method: "GET" | "POST";
  /** The route under /api/v1. */
  path: string;
  /** Who may call it; tools a key cannot call are not listed to it. */
  access: "public" | Permission;
}

const AMOUNTS =
  'Amounts are integer strings in base units of their `unit` (policy id + asset name hex; tUSDM/USDM has 6 decimals, so "5000000" is 5 USDM). Times are POSIX milliseconds as strings. `network` is "Preprod" or "Mainnet".';

/** The tools, buyer's first. */
export const TOOL_ROUTES: readonly ToolRoute[] = [
  {
    name: "lookup_agent",
    description: `An agent's registry entry, pricing and seller, by agentIdentifier (public). ${AMOUNTS}`,
    method: "GET",
    path: "/payment-information",
    access: "public",
  },
  {
    name: "quote",
    description: `The charge of a usage under an agent's price sheet, with free quotas and minimums applied. ${AMOUNTS}`,
    method: "POST",
    path: "/quote",
    access: "read",
  },
  {
    name: "preflight",
    description: `Whether a purchase of this size would be allowed now by the caller's budgets. ${AMOUNTS}`,
    method: "POST",
    path: "/preflight",
    access: "read",
  },
  {
    name: "purchase",
    description: `Buy a job: checks the seller's signed terms and locks the amounts in escrow (pays). Pass the fields of the seller's payment request. ${AMOUNTS}`,
    method: "POST",
    path: "/purchase",
    access: "pay",
  },
  {
    name: "release",
    description: `Release a purchase's escrow to the seller: all of it without \`amounts\`, or part of one unit. ${AMOUNTS}`,
    method: "POST",
    path: "/purchase/release",
    access: "pay",
  },
  {
    name: "request_refund",
    description: "Ask for a purchase's money back (before a result, or to dispute one).",
    method: "POST",
    path: "/purchase/request-refund",
    access: "pay",
  },
  {
    name: "purchase_status",
    description: "One purchase by blockchainIdentifier: its state, amounts, books and next action.",
    method: "POST",
    path: "/purchase/resolve-blockchain-identifier",
    access: "read",
  },
  {
    name: "list_purchases",
    description: "This node's purchases, newest first (`limit`, `cursorId`, `filterOnChainState`).",
    method: "GET",
    path: "/purchase",
    access: "read",
  },
  {
    name: "create_payment_request",
    description: `Sell a job: a payment request for one of this node's agents, signed for the buyer. ${AMOUNTS}`,
    method: "POST",
    path: "/payment",
    access: "pay",
  },
  {
    name: "submit_result",
    description: `Submit a job's result hash (sha256 hex), with the usage or the claim for metered terms. ${AMOUNTS}`,
    method: "POST",
    path: "/payment/submit-result",
    access: "pay",
  },
  {
    name: "authorize_refund",
    description: "Agree to a buyer's refund request: the buyer gets its money back.",
    method: "POST",
    path: "/payment/authorize-refund",
    access: "pay",
  },
  {
    name: "refund_part",
    description: `Give part of one unit of an escrow back to the buyer now. ${AMOUNTS}`,
    method: "POST",
    path: "/payment/partial-refund",
    access: "pay",
  },
  {
    name: "payment_status",
    description:
      "One payment request by blockchainIdentifier: its state, amounts, books and next action.",
    method: "POST",
    path: "/payment/resolve-blockchain-identifier",
    access: "read",
  },
  {
    name: "list_payments",
    description:
      "This node's payment requests, newest first (`limit`, `cursorId`, `filterOnChainState`).",
    method: "GET",
    path: "/payment",
    access: "read",
  },
];
