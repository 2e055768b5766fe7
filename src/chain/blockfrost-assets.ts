/**
 * The paged asset reads: an asset's holders and mint history, a policy's assets. Each reads
 * every page up to its bound (`readPages`), and keeps an entry repeated across a page boundary
 * (a block landed between two pages) once.
 */
import type { BlockfrostCalls } from "./blockfrost-client.ts";
import { toAssetHistoryEntry, toAssetHolder, toPolicyAsset } from "./blockfrost-map.ts";
import { PAGE_SIZE, readPages } from "./blockfrost-paging.ts";
import { ChainCheckpointError } from "./errors.ts";
import type { AssetHistoryEntry, AssetHolder, PolicyAsset } from "./port.ts";

/** Addresses holding `unit`, oldest holding first; [] for an asset never minted. */
export async function readAssetHolders(
  calls: BlockfrostCalls,
  unit: string,
  pagesMax: number,
): Promise<AssetHolder[]> {
  const endpoint = "assets/{asset}/addresses";
  const rows = await readPages(endpoint, { name: "assetPagesMax", pagesMax }, (page) =>
    calls.lookup(endpoint, (api) =>
      api.assetsAddresses(unit, { page, count: PAGE_SIZE, order: "asc" }),
    ),
  );
  const byAddress = new Map<string, AssetHolder>();
  for (const row of rows ?? []) {
    const holder = toAssetHolder(endpoint, row);
    byAddress.set(holder.address, holder);
  }
  return [...byAddress.values()];
}

/**
 * Mints and burns of `unit` after the entry `since` (all when undefined), oldest first. Pages
 * are read newest first, so a caller resuming from a recent entry reads one page, not all.
 */
export async function readAssetHistory(
  calls: BlockfrostCalls,
  unit: string,
  since: string | undefined,
  pagesMax: number,
): Promise<AssetHistoryEntry[]> {
  const endpoint = "assets/{asset}/history";
  const rows = await readPages(
    endpoint,
    { name: "assetPagesMax", pagesMax },
    (page) =>
      calls.lookup(endpoint, (api) =>
        api.assetsHistory(unit, { page, count: PAGE_SIZE, order: "desc" }),
      ),
    (page) => since !== undefined && page.some((row) => row.tx_hash === since),
  );
  const newestFirst: AssetHistoryEntry[] = [];
  // A transaction mints or burns a unit at most once, so its hash names the entry.
  const seen = new Set<string>();
  for (const row of rows ?? []) {
    if (row.tx_hash === since) return newestFirst.reverse();
    if (seen.has(row.tx_hash)) continue;
    seen.add(row.tx_hash);
    newestFirst.push(toAssetHistoryEntry(endpoint, row));
  }
  if (since !== undefined) throw new ChainCheckpointError(endpoint, since);
  return newestFirst.reverse();
}

/** Every asset minted under `policyId` with its supply, in first-mint order; [] for none. */
export async function readPolicyAssets(
  calls: BlockfrostCalls,
  policyId: string,
  pagesMax: number,
): Promise<PolicyAsset[]> {
  const endpoint = "assets/policy/{policy_id}";
  const rows = await readPages(endpoint, { name: "policyPagesMax", pagesMax }, (page) =>
    calls.lookup(endpoint, (api) =>
      api.assetsPolicyById(policyId, { page, count: PAGE_SIZE, order: "asc" }),
    ),
  );
  const byUnit = new Map<string, PolicyAsset>();
  for (const row of rows ?? []) {
    const asset = toPolicyAsset(endpoint, row);
    byUnit.set(asset.unit, asset);
  }
  return [...byUnit.values()];
}
