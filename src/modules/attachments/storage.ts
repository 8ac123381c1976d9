import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../../platform/errors.ts';
import { ALLOWED_CONTENT_TYPES } from './schemas.ts';

export type AllowedContentType = (typeof ALLOWED_CONTENT_TYPES)[number];

/** Where an attachment lives: `<attachmentsDir>/<clinicId>/<id>` (ids are UUIDs: no path tricks possible). */
export const attachmentPath = (dir: string, clinicId: string, id: string) => join(dir, clinicId, id);

/** A file name safe to store and to put in a header: no path, no control characters, at most 200 characters. */
export function safeFileName(name: string | undefined): string {
  const base = basename((name ?? '').replace(/\\/g, '/'));
  const cleaned = [...base]
    .filter((c) => c.codePointAt(0)! >= 0x20 && c !== '\u007f' && c !== '"')
    .join('')
    .trim();
  return cleaned.slice(0, 200) || 'attachment';
}

/** `Content-Disposition: attachment` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Streams an upload to `<dir>/<clinicId>/<id>`, hashing it on the way; then checks what the bytes are
 * (magic numbers via file-type, never the name or the declared type): PDF, JPEG or PNG, else 415.
 * The size limit is enforced by the multipart parser (413). Nothing is left on disk when it fails.
 */
export async function storeUpload(
  stream: Readable & { truncated?: boolean },
  target: { dir: string; clinicId: string; id: string },
): Promise<{ path: string; sha256: string; sizeBytes: number; contentType: AllowedContentType }> {
  const folder = join(target.dir, target.clinicId);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const path = attachmentPath(target.dir, target.clinicId, target.id);
  const partial = `${path}.part`;
  const hash = createHash('sha256');
  let sizeBytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      sizeBytes += chunk.length;
      callback(null, chunk);
    },
  });
  try {
    await pipeline(stream, meter, createWriteStream(partial, { mode: 0o600 }));
    if (stream.truncated) throw new AppError('payload_too_large', 'The file is too large');
    const handle = await open(partial, 'r');
    const head = Buffer.alloc(4100);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    await handle.close();
    const detected = await fileTypeFromBuffer(head.subarray(0, bytesRead));
    const mime = detected?.mime as string | undefined;
    if (!mime || !(ALLOWED_CONTENT_TYPES as readonly string[]).includes(mime)) {
      throw new AppError(
        'unsupported_media_type',
        'Only PDF, JPEG and PNG files are accepted (checked from the file content)',
        {
          detected: mime ?? 'unknown',
        },
      );
    }
    await rename(partial, path);
    return { path, sha256: hash.digest('hex'), sizeBytes, contentType: mime as AllowedContentType };
  } catch (error) {
    await rm(partial, { force: true });
    const e = error as { code?: string };
    if (e.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('payload_too_large', 'The file is too large');
    throw error;
  }
}
