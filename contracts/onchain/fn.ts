/**
 * Function helpers over plu-ts terms: application, strict binding and recursion.
 *
 * plu-ts's own types for these are precise but very deep; validators here pass terms around as
 * `Term<PType>` and the helpers cast once, so the checks read like ordinary code.
 */
import { Term, fn, lam, papp, phoist, plam, precursive, pfn } from "@harmoniclabs/plu-ts";
import type { PType } from "@harmoniclabs/plu-ts";

/** Any term; plu-ts checks the types again when the term is applied. */
export type AnyTerm = Term<PType>;
type TermType = Parameters<typeof lam>[0];

/** `f(a)(b)…`: applies a curried function term to its arguments. */
export function call<P extends PType = PType>(f: AnyTerm, ...args: AnyTerm[]): Term<P> {
  return args.reduce<AnyTerm>((g, a) => papp(g as never, a as never) as AnyTerm, f) as Term<P>;
}

/**
 * Binds `value` to a variable *here*, evaluated once, and runs `body` with it.
 *
 * `plet` places a binding at the common ancestor of its uses, which for a value used only inside a
 * loop body is inside the loop (evaluated on every iteration); an explicit application is not.
 */
export function bind<P extends PType>(
  valueT: TermType,
  outT: TermType,
  value: AnyTerm,
  body: (v: AnyTerm) => Term<P>,
): Term<P> {
  return call(plam(valueT as never, outT as never)(body as never) as AnyTerm, value);
}

/** A curried lambda of several arguments. */
export function lambda(
  ins: TermType[],
  outT: TermType,
  body: (...args: AnyTerm[]) => AnyTerm,
): AnyTerm {
  return pfn(ins as never, outT as never)(body as never) as AnyTerm;
}

/**
 * A recursive function: `body(self, ...args)`; `self` takes the same arguments. Closed
 * functions (no free variables) are hoisted so each is emitted once in the script.
 */
export function recursive(
  ins: TermType[],
  outT: TermType,
  body: (self: AnyTerm, ...args: AnyTerm[]) => AnyTerm,
  hoist = false,
): AnyTerm {
  const selfT = fn(ins as never, outT as never);
  const term = precursive(pfn([selfT, ...ins] as never, outT as never)(body as never) as never);
  return (hoist ? phoist(term as never) : term) as AnyTerm;
}

/** Marks a closed term to be emitted once at the script's root and shared by every use. */
export const hoisted = <T extends AnyTerm>(t: T): T => phoist(t as never) as T;
