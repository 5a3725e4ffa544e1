import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { JsonArrayError, jsonArrayElements } from "./json-array-stream";

async function* split(bytes: Uint8Array, cuts: number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    if (cut <= at || cut >= bytes.length) continue;
    yield bytes.subarray(at, cut);
    at = cut;
  }
  yield bytes.subarray(at);
}

async function elements(text: string, cuts: number[] = []): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const element of jsonArrayElements(split(new TextEncoder().encode(text), cuts))) out.push(JSON.parse(new TextDecoder().decode(element.bytes)));
  return out;
}

describe("jsonArrayElements", () => {
  it("splits any JSON array, however its bytes are cut, into its elements (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.jsonValue({ maxDepth: 3 })), fc.array(fc.nat(2000), { maxLength: 20 }), fc.boolean(), async (values, cuts, pretty) => {
        const text = JSON.stringify(values, null, pretty ? 2 : undefined);
        expect(await elements(text, cuts)).toEqual(JSON.parse(text));
      }),
      { seed: 20261129, numRuns: 300 },
    );
  });

  it("is not fooled by brackets, quotes and backslashes inside strings", async () => {
    const values = [{ a: "]}[{" }, "\\", '"]', ["x\\\"]"], 3, true, null, "é 😉"];
    expect(await elements(JSON.stringify(values), [3, 4, 5, 9, 10, 11, 17])).toEqual(values);
  });

  it("says where the input stops being an array", async () => {
    const fail = async (text: string) => {
      try {
        await elements(text);
      } catch (error) {
        expect(error).toBeInstanceOf(JsonArrayError);
        return `${(error as JsonArrayError).message} @${(error as JsonArrayError).offset}`;
      }
      throw new Error("expected an error");
    };
    expect(await fail('  {"a": 1}')).toBe('expected a JSON array of pages ("[" first), found an object ({…}) @2');
    expect(await fail("[1, 2,]")).toBe('expected an item, found "]" @6');
    expect(await fail("[1 2]")).toBe('expected "," or "]" after item 1, found "2" @3');
    expect(await fail('[{"a": "b}')).toBe("the file ends inside item 1 (started at byte 1) @10");
    expect(await fail("[")).toBe('the file ends before its first item without the closing "]" @1');
  });
});
