/** The benchmarks' and profilers' command-line flags. */

/** The integer after `name` in `argv`, from `min` (1 unless given) to `max`, or undefined when the flag is absent. */
export function optionalIntArg(
  name: string,
  max: number,
  argv: readonly string[] = process.argv,
  min = 1,
): number | undefined {
  const i = argv.indexOf(name);
  if (i === -1) return undefined;
  const raw = argv[i + 1];
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}, got ${raw ?? "nothing"}`);
  }
  return value;
}

/** The integer after `name`, from 1 to `max`, or `fallback` when the flag is absent. */
export function intArg(name: string, fallback: number, max: number): number {
  return optionalIntArg(name, max) ?? fallback;
}
