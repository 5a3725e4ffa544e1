// What an uploaded file is, from its first bytes (content first, name second): a Roam JSON
// export, one Roam markdown page, or a zip (a Roam markdown export or a Logseq graph; the zip
// reader tells them apart). Anything else is refused before a reader ever sees it.
import { GraphReadError } from "./graph";

export type UploadFormat = "roam-json" | "roam-markdown" | "zip";

/** How many bytes of the file `formatOfUpload` needs to see. */
export const DETECT_BYTES = 4096;

const NOT_AN_EXPORT = "is not a Roam or Logseq export: choose a Roam JSON export (.json), a Roam markdown page (.md) or a zip of a Roam or Logseq graph (.zip).";

// Magic numbers of files people pick by mistake, named so the message can say what it was.
const SIGNATURES: { bytes: number[]; what: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: "a PNG image" },
  { bytes: [0xff, 0xd8, 0xff], what: "a JPEG image" },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: "a GIF image" },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: "a PDF document" },
  { bytes: [0x1f, 0x8b], what: "a gzip file" },
  { bytes: [0x52, 0x61, 0x72, 0x21], what: "a RAR archive" },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], what: "a 7-Zip archive" },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: "a program" },
  { bytes: [0x4d, 0x5a], what: "a program" },
];

const startsWith = (head: Uint8Array, bytes: readonly number[]) => bytes.every((byte, i) => head[i] === byte);

/** Bytes that never occur in text (NUL and most C0 controls): a binary file. */
function looksBinary(head: Uint8Array): boolean {
  for (const byte of head) {
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x1b) return true;
  }
  return false;
}

/** The first character that is not white space (after a UTF-8 byte order mark), or null. */
function firstSignificant(head: Uint8Array): string | null {
  let i = startsWith(head, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  for (; i < head.length; i++) {
    const byte = head[i] as number;
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return String.fromCharCode(byte);
  }
  return null;
}

/**
 * The format of an upload named `fileName` whose first bytes are `head` (up to DETECT_BYTES).
 * Throws GraphReadError with a message for the person when it is none of them.
 */
export function formatOfUpload(fileName: string, head: Uint8Array): UploadFormat {
  const name = fileName.toLowerCase();
  const label = `“${fileName}”`;
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return "zip";
  const known = SIGNATURES.find((signature) => startsWith(head, signature.bytes));
  if (known) throw new GraphReadError(`${label} is ${known.what}, ${NOT_AN_EXPORT.slice(3)}`);
  if (looksBinary(head)) throw new GraphReadError(`${label} ${NOT_AN_EXPORT}`);
  const first = firstSignificant(head);
  // A Roam JSON export is an array of pages; `{` for a single page object some tools write.
  if (first === "[" || (first === "{" && !name.endsWith(".md"))) return "roam-json";
  if (name.endsWith(".json")) {
    throw new GraphReadError(`${label} is not a Roam JSON export: it does not start with a list of pages (“[”).`);
  }
  if (name.endsWith(".zip")) throw new GraphReadError(`${label} is not a zip file (it does not start with a zip header).`);
  // Markdown: any other text named .md, or a text file whose content reads as a Roam outline.
  if (name.endsWith(".md") || name.endsWith(".markdown")) return "roam-markdown";
  if (first === null) throw new GraphReadError(`${label} is empty.`);
  if (first === "-" || first === "#") return "roam-markdown";
  throw new GraphReadError(`${label} ${NOT_AN_EXPORT}`);
}
