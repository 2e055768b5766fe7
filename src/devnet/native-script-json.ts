/**
 * A native script as the JSON `scripts/{hash}/json` answers with: cardano-cli's form (`sig`,
 * `all`, `any`, `atLeast`, `after`, `before`), slots as decimal strings, as the devnet has
 * always answered.
 */
import { Cardano, Serialization } from "@cardano-sdk/core";

export type NativeScriptJson =
  | { type: "sig"; keyHash: string }
  | { type: "all" | "any"; scripts: NativeScriptJson[] }
  | { type: "atLeast"; required: number; scripts: NativeScriptJson[] }
  | { type: "after" | "before"; slot: string };

/** Native scripts nest; a script on chain is at most a transaction's size, so this is plenty. */
const DEPTH_MAX = 64;

/** The JSON form of a native script; throws on a kind it does not know. */
export function nativeScriptJson(script: Serialization.NativeScript, depth = 0): NativeScriptJson {
  if (depth > DEPTH_MAX) throw new Error(`native script nested deeper than ${DEPTH_MAX}`);
  const inner = (list: Serialization.NativeScript[]) =>
    list.map((s) => nativeScriptJson(s, depth + 1));
  const K = Cardano.NativeScriptKind;
  switch (script.kind()) {
    case K.RequireSignature:
      return { type: "sig", keyHash: script.asScriptPubkey()!.keyHash().toString() };
    case K.RequireAllOf:
      return { type: "all", scripts: inner(script.asScriptAll()!.nativeScripts()) };
    case K.RequireAnyOf:
      return { type: "any", scripts: inner(script.asScriptAny()!.nativeScripts()) };
    case K.RequireNOf: {
      const nOfK = script.asScriptNOfK()!;
      return { type: "atLeast", required: nOfK.required(), scripts: inner(nOfK.nativeScripts()) };
    }
    case K.RequireTimeAfter:
      return { type: "after", slot: script.asTimelockStart()!.slot().toString() };
    case K.RequireTimeBefore:
      return { type: "before", slot: script.asTimelockExpiry()!.slot().toString() };
    default:
      throw new Error(`native script of unknown kind ${script.kind()}`);
  }
}
