/**
 * Memoised pure functions of a string (transaction or datum CBOR): the node reads the same
 * transactions and datums again on every poll and every batch, and decoding them was a large
 * share of its CPU (scripts/profile-lifecycle.ts). At most `size` answers are kept, the least
 * recently used going first. Each caller gets its own copy, so no caller can change what another
 * is given; with `share`, every caller gets the one kept answer (copying a large answer on every
 * read cost as much as the lookup saved): only for callers that read it and never change it.
 */
export function memoised<V>(
  fn: (key: string) => V,
  size: number,
  { share = false }: { share?: boolean } = {},
): (key: string) => V {
  const kept = new Map<string, V>();
  return (key) => {
    let value = kept.get(key);
    if (value === undefined) {
      value = fn(key);
      if (kept.size >= size) kept.delete(kept.keys().next().value!);
    } else {
      // Moved to the end: the Map's order is the order of use.
      kept.delete(key);
    }
    kept.set(key, value);
    return share ? value : structuredClone(value);
  };
}
