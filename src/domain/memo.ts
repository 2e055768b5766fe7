/**
 * Memoised pure functions of a string (transaction or datum CBOR): the node reads the same
 * transactions and datums again on every poll and every batch, and decoding them was a large
 * share of its CPU (scripts/profile-lifecycle.ts). At most `size` answers are kept, the least
 * recently used going first. Each caller gets its own copy, so no caller can change what another
 * is given.
 */
export function memoised<V>(fn: (key: string) => V, size: number): (key: string) => V {
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
    return structuredClone(value);
  };
}
