// Repairs text whose UTF-8 bytes were once read as Mac Roman or Windows-1252 and saved again
// ("üòâ" for "😉", "Ã©" for "é"), as exports that passed through an old Mac editor or a
// Windows tool often are. It reverses the damage only when that is unambiguous: every character
// maps back to one byte, the bytes are valid UTF-8, and the result reads as less garbled.

// Bytes 0x80–0xFF as Apple's Mac OS Roman decodes them (0xCA is a no-break space, 0xF0 the
// Apple logo in the private use area).
const MAC_ROMAN_HIGH =
  "ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»…\u00a0ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uf8ffÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ";

// Bytes 0x80–0x9F as Windows-1252 decodes them; the five it leaves undefined decode to the C1
// control of the same number, and 0xA0–0xFF are Latin-1.
const CP1252_C1 = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

interface SingleByteTable {
  name: string;
  /** Code unit → byte, for characters 0x80 and up. */
  bytes: Map<number, number>;
}

function tableOf(name: string, high: string, aliases: [string, number][] = []): SingleByteTable {
  const bytes = new Map<number, number>();
  for (let i = 0; i < high.length; i++) bytes.set(high.charCodeAt(i), 0x80 + i);
  for (const [char, byte] of aliases) bytes.set(char.charCodeAt(0), byte);
  return { name, bytes };
}

let tables: SingleByteTable[] | undefined;

function singleByteTables(): SingleByteTable[] {
  tables ??= [
    // Older Mac tables put the currency sign ¤ at 0xDB and the ohm sign Ω (U+2126) at 0xBD.
    tableOf("macintosh", MAC_ROMAN_HIGH, [
      ["\u00a4", 0xdb],
      ["\u2126", 0xbd],
    ]),
    // A plain Latin-1 decoder leaves 0x80–0x9F as C1 controls: accept those too.
    tableOf(
      "windows-1252",
      CP1252_C1 + String.fromCharCode(...Array.from({ length: 0x60 }, (_, i) => 0xa0 + i)),
      Array.from({ length: 0x20 }, (_, i): [string, number] => [String.fromCharCode(0x80 + i), 0x80 + i]),
    ),
  ];
  return tables;
}

/** The bytes `text` came from under `table`, or undefined when some character is not in it. */
function encode(text: string, table: SingleByteTable): Uint8Array | undefined {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes[i] = c;
    else {
      const byte = table.bytes.get(c);
      if (byte === undefined) return undefined;
      bytes[i] = byte;
    }
  }
  return bytes;
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

let mojibakeChars: Set<number> | undefined;

/** Every character that a misread UTF-8 byte can turn into, in either table. */
function isMojibakeChar(c: number): boolean {
  if (mojibakeChars === undefined) {
    mojibakeChars = new Set();
    for (const table of singleByteTables()) for (const char of table.bytes.keys()) mojibakeChars.add(char);
  }
  return mojibakeChars.has(c);
}

/**
 * How garbled `text` looks: the number of adjacent pairs of characters that misread UTF-8 is
 * made of. Each misread multi-byte character leaves at least one such pair ("Ã©", "üòâ"), while
 * real text seldom puts two of them side by side, and CJK and emoji are never among them.
 */
function garbledPairs(text: string): number {
  let pairs = 0;
  let previous = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const current = c >= 0x80 && isMojibakeChar(c);
    if (current && previous) pairs++;
    previous = current;
  }
  return pairs;
}

// What seldom comes out of text a person wrote: C1 controls, the replacement mark, unassigned
// and private-use code points; combining marks, which keyboards rarely produce (accents come
// precomposed); and the two-byte blocks that two adjacent Western symbols decode to by
// accident (IPA and modifier letters, Armenian, Syriac, Thaana, NKo, Samaritan, Mandaic).
// Reading Windows-1252 damage as Mac Roman gives such things ("aÃ©" is "aé" damaged, but as
// Mac Roman it is "a" with U+0329 below), and so would "repairing" correct text ("ß…" is a
// valid UTF-8 encoding of NKo U+07C5 in Windows-1252).
const ODDITY = /[\u0080-\u009f\ufffd\p{Cn}\p{Co}\p{M}\u0250-\u02ff\u0530-\u058f\u0700-\u08ff]/gu;

function oddities(text: string): number {
  let count = 0;
  for (const _ of text.matchAll(ODDITY)) count++;
  return count;
}

/** Lower is more plausible. */
function cost(text: string): number {
  return garbledPairs(text) + oddities(text);
}

/** The repaired text, or undefined when no table gives a more plausible one. */
function repairOnce(text: string): string | undefined {
  if (garbledPairs(text) === 0) return undefined;
  const before = cost(text);
  let best: { text: string; cost: number } | undefined;
  for (const table of singleByteTables()) {
    const bytes = encode(text, table);
    if (bytes === undefined) continue;
    const decoded = decodeUtf8(bytes);
    // Every non-ASCII character maps to a byte of 0x80 or more, and valid UTF-8 groups those
    // into multi-byte sequences, so a repair always shortens the text.
    if (decoded === undefined || decoded.length === text.length) continue;
    const after = cost(decoded);
    if (after < before && (best === undefined || after < best.cost)) best = { text: decoded, cost: after };
  }
  return best?.text;
}

/**
 * `text` with Mac Roman or Windows-1252 mojibake undone; correct text, and text that is only
 * partly damaged, come back unchanged with `repaired: false`.
 */
export function repairMojibake(text: string): { text: string; repaired: boolean } {
  const repaired = repairOnce(text);
  return repaired === undefined ? { text, repaired: false } : { text: repaired, repaired: true };
}
