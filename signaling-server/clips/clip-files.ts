/**
 * Clip files on disk, under CLIPS_DIR, named by their content's SHA-256 (`<hash>.webm`): an upload
 * is streamed into a temporary file in the same folder while it is hashed and counted, cut off (and
 * the file removed) past the size cap, checked as a WebM sign clip (src/clips/rules.ts), and only
 * then renamed to its hash. A failed upload leaves nothing behind.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { clipProblem, MAX_CLIP_BYTES, type ClipProblem } from '../../src/clips/rules.ts';
import { inspectWebm } from '../../src/clips/webm.ts';

export const SHA256_FILE = /^([0-9a-f]{64})\.webm$/;

export type Stored =
  | { ok: true; sha256: string; bytes: number; durationMs: number }
  | { ok: false; problem: ClipProblem | 'aborted' };

export class ClipFiles {
  constructor(readonly dir: string) {}

  async init(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a clip hash');
    return path.join(this.dir, `${sha256}.webm`);
  }

  /** Streams `body` in; nothing stays on disk unless it is a valid clip within the cap. */
  async store(body: Readable): Promise<Stored> {
    const temp = path.join(this.dir, `.upload-${randomUUID()}`);
    const hash = createHash('sha256');
    let bytes = 0;
    let tooBig = false;
    const count = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        if (bytes > MAX_CLIP_BYTES) {
          tooBig = true;
          return done(new Error('too big'));
        }
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(body, count, createWriteStream(temp, { flags: 'wx', mode: 0o640 }));
    } catch {
      await rm(temp, { force: true });
      return { ok: false, problem: tooBig ? 'too_big' : 'aborted' };
    }
    return this.adopt(temp, hash.digest('hex'), bytes);
  }

  /** Stores bytes already in memory (an import), by the same rules. */
  async storeBytes(data: Uint8Array): Promise<Stored> {
    const temp = path.join(this.dir, `.import-${randomUUID()}`);
    const { writeFile } = await import('node:fs/promises');
    await writeFile(temp, data, { flag: 'wx', mode: 0o640 });
    return this.adopt(temp, createHash('sha256').update(data).digest('hex'), data.length);
  }

  async read(sha256: string): Promise<Buffer> {
    return readFile(this.pathOf(sha256));
  }

  async exists(sha256: string): Promise<boolean> {
    return stat(this.pathOf(sha256)).then(
      () => true,
      () => false,
    );
  }

  async remove(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }

  private async adopt(temp: string, sha256: string, bytes: number): Promise<Stored> {
    try {
      const data = await readFile(temp);
      const problem = clipProblem(data);
      if (problem) return { ok: false, problem };
      const read = inspectWebm(data);
      const durationMs = read.ok ? read.info.spanMs : 0;
      // The same content submitted twice is one file.
      await rename(temp, this.pathOf(sha256));
      return { ok: true, sha256, bytes, durationMs };
    } finally {
      await rm(temp, { force: true });
    }
  }
}
