// Splits a top-level JSON array arriving in byte chunks into its elements, one at a time, so a
// graph export of any size is read with memory bounded by its largest element (one page).
//
// Why hand-written rather than @streamparser/json or stream-json: Loam only needs the top level
// split. This scanner looks at each byte once and tracks three things (inside a string, after a
// backslash, bracket depth); each element's bytes then go to the engine's native JSON.parse,
// which validates them and is an order of magnitude faster than a token-level parser written in
// JavaScript (such parsers build every value through callbacks). Structural characters are all
// ASCII and UTF-8 never uses bytes below 0x80 inside a multi-byte character, so scanning bytes is
// safe without decoding first.

/** The array is malformed at the top level, or ended early. `offset` counts bytes from the start. */
export class JsonArrayError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export interface JsonArrayElement {
  /** 0-based position in the array. */
  index: number;
  /** Byte offset of the element's first byte. */
  offset: number;
  /** The element's exact bytes (one JSON value). */
  bytes: Uint8Array;
}

const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function describeByte(byte: number): string {
  return byte >= 0x20 && byte < 0x7f ? `"${String.fromCharCode(byte)}"` : `byte 0x${byte.toString(16).padStart(2, "0")}`;
}

type State = "start" | "first" | "element" | "after" | "next" | "end";

function concat(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * The elements of the JSON array in `chunks`, in order, as soon as each is complete. Throws
 * JsonArrayError when the input is not an array, has something other than `,` between elements
 * or anything after the closing `]`, or ends before it. `maxElementBytes` bounds the memory one
 * element may take.
 */
export async function* jsonArrayElements(
  chunks: AsyncIterable<Uint8Array>,
  maxElementBytes = 256 * 1024 * 1024,
): AsyncGenerator<JsonArrayElement> {
  let state: State = "start";
  let offset = 0; // bytes before the current chunk
  let index = 0;
  // The element being scanned.
  let parts: Uint8Array[] = [];
  let partsLength = 0;
  let elementOffset = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let scalar = false;
  let bomChecked = false;

  for await (const chunk of chunks) {
    let i = 0;
    if (!bomChecked && chunk.length > 0) {
      bomChecked = true;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3;
    }
    let elementStart = state === "element" ? 0 : -1;
    const finished: JsonArrayElement[] = [];
    const finish = (end: number) => {
      parts.push(chunk.subarray(elementStart, end));
      partsLength += end - elementStart;
      finished.push({ index, offset: elementOffset, bytes: concat(parts, partsLength) });
      index += 1;
      parts = [];
      partsLength = 0;
      elementStart = -1;
      state = "after";
    };
    for (; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (state === "element") {
        if (inString) {
          if (escaped) escaped = false;
          else if (byte === BACKSLASH) escaped = true;
          else if (byte === QUOTE) {
            inString = false;
            if (depth === 0) finish(i + 1);
          }
        } else if (scalar) {
          // A number, true, false or null ends at the first delimiter (JSON.parse checks it).
          if (byte === COMMA || byte === CLOSE_BRACKET || isSpace(byte)) {
            finish(i);
            i -= 1; // the delimiter is read again in state "after"
          }
        } else if (byte === QUOTE) inString = true;
        else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth += 1;
        else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
          depth -= 1;
          if (depth === 0) finish(i + 1);
        }
        continue;
      }
      if (isSpace(byte)) continue;
      const at = offset + i;
      switch (state as State) {
        case "start":
          if (byte !== OPEN_BRACKET) {
            const found =
              byte === OPEN_BRACE ? "an object ({…})" : byte === QUOTE || byte === 0x2d || (byte >= 0x30 && byte <= 0x39) ? "a single value" : describeByte(byte);
            throw new JsonArrayError(`expected a JSON array of pages ("[" first), found ${found}`, at);
          }
          state = "first";
          break;
        case "after":
          if (byte === COMMA) state = "next";
          else if (byte === CLOSE_BRACKET) state = "end";
          else throw new JsonArrayError(`expected "," or "]" after item ${index}, found ${describeByte(byte)}`, at);
          break;
        case "end":
          throw new JsonArrayError(`unexpected ${describeByte(byte)} after the end of the array`, at);
        case "first":
        case "next":
          if (byte === CLOSE_BRACKET && state === "first") {
            state = "end";
            break;
          }
          if (byte === CLOSE_BRACKET || byte === COMMA) throw new JsonArrayError(`expected an item, found ${describeByte(byte)}`, at);
          state = "element";
          elementStart = i;
          elementOffset = at;
          depth = 0;
          inString = false;
          escaped = false;
          scalar = false;
          if (byte === QUOTE) inString = true;
          else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth = 1;
          else scalar = true;
          break;
      }
    }
    if (state === "element" && elementStart >= 0) {
      // The element goes on in the next chunk; keep this chunk's part of it.
      parts.push(chunk.subarray(elementStart));
      partsLength += chunk.length - elementStart;
      if (partsLength > maxElementBytes) {
        throw new JsonArrayError(`item ${index} is larger than ${Math.round(maxElementBytes / 1024 / 1024)} MB`, elementOffset);
      }
    }
    offset += chunk.length;
    for (const element of finished) yield element;
  }
  if (state === "element" && scalar) {
    // A bare number at the very end without "]": still truncated.
    throw new JsonArrayError(`the file ends inside item ${index} (no closing "]")`, offset);
  }
  if (state === "start") throw new JsonArrayError("the file is empty", 0);
  if (state === "element") throw new JsonArrayError(`the file ends inside item ${index} (started at byte ${elementOffset})`, offset);
  if (state !== "end") {
    const where = index === 0 ? "before its first item" : `after item ${index - 1}`;
    throw new JsonArrayError(`the file ends ${where} without the closing "]"`, offset);
  }
}
