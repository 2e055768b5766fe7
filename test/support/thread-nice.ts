/**
 * The CPU priority (nice value) of each thread of this process, from Linux's
 * /proc/self/task/<tid>/stat; null where there is no such file (another platform).
 */
import fs from "node:fs";

export function threadNices(): Map<number, number> | null {
  const dir = "/proc/self/task";
  if (!fs.existsSync(dir)) return null;
  const nices = new Map<number, number>();
  for (const tid of fs.readdirSync(dir)) {
    let stat: string;
    try {
      stat = fs.readFileSync(`${dir}/${tid}/stat`, "utf8");
    } catch {
      continue; // the thread ended meanwhile
    }
    // Fields after the command's closing parenthesis start at the 3rd (state); nice is the 19th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    nices.set(Number(tid), Number(fields[19 - 3]));
  }
  return nices;
}
