// A minimal zip writer for tests: real archives (stored or deflated, UTF-8 names) and hostile
// ones (paths escaping the folder, sizes that lie, truncation), which no zip library will write.
// Streams to a file entry by entry, so a test can build a large archive without holding it.
import { closeSync, openSync, writeSync } from "node:fs";
import { crc32, deflateRawSync } from "node:zlib";

export interface ZipEntryInput {
  name: string;
  data: Uint8Array | string;
  /** Deflate (default) or store. */
  store?: boolean;
  /** Lie about the uncompressed size in both headers (a zip bomb that hides its size). */
  declaredSize?: number;
}

interface Written {
  name: Buffer;
  crc: number;
  method: number;
  compressed: number;
  size: number;
  offset: number;
}

export class ZipWriter {
  private readonly fd: number;
  private offset = 0;
  private readonly written: Written[] = [];

  constructor(readonly path: string) {
    this.fd = openSync(path, "w");
  }

  private write(buffer: Buffer): void {
    writeSync(this.fd, buffer);
    this.offset += buffer.length;
  }

  add(entry: ZipEntryInput): this {
    const data = typeof entry.data === "string" ? Buffer.from(entry.data, "utf8") : Buffer.from(entry.data);
    const method = entry.store ? 0 : 8;
    const body = method === 8 ? deflateRawSync(data) : data;
    const name = Buffer.from(entry.name, "utf8");
    const record: Written = { name, crc: crc32(data), method, compressed: body.length, size: entry.declaredSize ?? data.length, offset: this.offset };
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x800, 6); // names are UTF-8
    header.writeUInt16LE(method, 8);
    header.writeUInt32LE(record.crc, 14);
    header.writeUInt32LE(record.compressed, 18);
    header.writeUInt32LE(record.size, 22);
    header.writeUInt16LE(name.length, 26);
    this.write(Buffer.concat([header, name, body]));
    this.written.push(record);
    return this;
  }

  /** Writes the central directory; `truncateTo` cuts the file short afterwards (a broken upload). */
  close(): string {
    const start = this.offset;
    for (const record of this.written) {
      const header = Buffer.alloc(46);
      header.writeUInt32LE(0x02014b50, 0);
      header.writeUInt16LE(20, 4);
      header.writeUInt16LE(20, 6);
      header.writeUInt16LE(0x800, 8);
      header.writeUInt16LE(record.method, 10);
      header.writeUInt32LE(record.crc, 16);
      header.writeUInt32LE(record.compressed, 20);
      header.writeUInt32LE(record.size, 24);
      header.writeUInt16LE(record.name.length, 28);
      header.writeUInt32LE(record.offset, 42);
      this.write(Buffer.concat([header, record.name]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.written.length, 8);
    end.writeUInt16LE(this.written.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    this.write(end);
    closeSync(this.fd);
    return this.path;
  }
}

/** A zip at `path` holding `entries`. */
export function writeZip(path: string, entries: readonly ZipEntryInput[]): string {
  const writer = new ZipWriter(path);
  for (const entry of entries) writer.add(entry);
  return writer.close();
}
