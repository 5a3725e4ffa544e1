// Text out of an imported file: its bytes decoded (UTF-8, a UTF-16 BOM, or bytes that are not
// UTF-8 at all), and every string passed through the encoding repair with the repair reported.
import { repairMojibake } from "./encoding";
import { GraphReadError, type GraphReport } from "./graph";

/** How much of a repaired string the report quotes. */
const SAMPLE = 80;

function sampleAround(before: string, after: string): { before: string; after: string } {
  // Quote from the first character that changed, so the sample shows the damage.
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  start = Math.max(0, start - 20);
  return { before: before.slice(start, start + SAMPLE), after: after.slice(start, start + SAMPLE) };
}

/** `text` with mojibake undone (and NFC), each repair added to `report.repairs`. */
export function repairedText(text: string, where: string, report: GraphReport): string {
  const { text: fixed, repaired } = repairMojibake(text);
  if (repaired) report.repairs.push({ where, ...sampleAround(text, fixed) });
  return fixed.normalize("NFC");
}

/**
 * The text of a file. A BOM says UTF-8 or UTF-16; otherwise UTF-8, and bytes that are not valid
 * UTF-8 are read as Windows-1252 (what such a file most likely is), which the user is told.
 * A NUL byte means a binary file: nothing in a markdown export has one.
 */
export function decodeTextFile(bytes: Uint8Array, where: string, report: GraphReport): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  if (bytes.includes(0)) throw new GraphReadError(`${where} is not a text file (it holds binary data).`);
  const body = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    report.problems.push({ where, message: "The file is not valid UTF-8; it was read as Windows-1252." });
    return new TextDecoder("windows-1252").decode(body);
  }
}
