import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { SHARED_DIR } from "../../test/shared-corpus";
import { DETECT_BYTES, formatOfUpload } from "./detect";
import { GraphReadError } from "./graph";

const text = (s: string) => new TextEncoder().encode(s);
const headOf = (path: string) => readFileSync(path).subarray(0, DETECT_BYTES);

describe("formatOfUpload", () => {
  it("knows the shared fixtures by their content", () => {
    expect(formatOfUpload("lxyer.json", headOf(join(SHARED_DIR, "fixtures/roam-lxyer/json/lxyer.json")))).toBe("roam-json");
    expect(formatOfUpload("roam-daily-page.md", headOf(join(SHARED_DIR, "seeds/roam-daily-page.md")))).toBe("roam-markdown");
  });

  it("goes by content before the name", () => {
    expect(formatOfUpload("export.txt", text('  \n[{"title": "a"}]'))).toBe("roam-json");
    expect(formatOfUpload("graph.json", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toBe("zip");
    expect(formatOfUpload("notes", text("- a block\n    - a child"))).toBe("roam-markdown");
    expect(formatOfUpload("page.md", text("{{[[TODO]]}} a page whose first block has no bullet"))).toBe("roam-markdown");
    expect(formatOfUpload("empty.md", new Uint8Array())).toBe("roam-markdown");
  });

  it("refuses images, binaries and text that is none of the formats, saying why", () => {
    const refused = (name: string, head: Uint8Array) => {
      try {
        formatOfUpload(name, head);
      } catch (error) {
        expect(error).toBeInstanceOf(GraphReadError);
        return (error as Error).message;
      }
      throw new Error(`${name} was accepted`);
    };
    expect(refused("photo.json", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]))).toBe(
      "“photo.json” is a PNG image, not a Roam or Logseq export: choose a Roam JSON export (.json), a Roam markdown page (.md) or a zip of a Roam or Logseq graph (.zip).",
    );
    expect(refused("data.bin", new Uint8Array([1, 2, 3, 0, 5]))).toMatch(/is not a Roam or Logseq export/);
    expect(refused("graph.json", text("title,uid\na,b"))).toMatch(/not a Roam JSON export/);
    expect(refused("graph.zip", text("hello"))).toMatch(/not a zip file/);
    expect(refused("notes.txt", text("hello world"))).toMatch(/not a Roam or Logseq export/);
  });
});
