import type { Context } from "hono";

import type { AppEnv } from "../http/context.js";
import { ApiError } from "../http/errors.js";

// Largest accepted upload. Survey files of a few thousand points or a day of
// GPS track are well under 5 MB, and 20 MB leaves room for KMZ with photos.
export const maxUploadBytes = 20 * 1024 * 1024;

export interface Upload {
  bytes: Uint8Array;
  // The uploaded file's name, from a multipart part.
  filename?: string;
  // The media type of a raw body, without parameters.
  mediaType?: string;
  // The multipart `defaults` field, as JSON text.
  defaultsJson?: string;
}

// `receivedBytes` is the declared Content-Length, or the bytes read before
// the limit was passed when the body is streamed, so the file is at least that big.
function tooLarge(receivedBytes: number): ApiError {
  return new ApiError(413, { code: "file_too_large", field: "file", value: receivedBytes, expected: `${maxUploadBytes / (1024 * 1024)} MB` });
}

// Reads the request body, stopping with a 413 as soon as it passes the limit
// so that an oversized upload is never held in memory whole.
async function readBounded(c: Context<AppEnv>): Promise<Uint8Array> {
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > maxUploadBytes) {
    throw tooLarge(declared);
  }

  const stream = c.req.raw.body;
  if (!stream) {
    return new Uint8Array(0);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    total += value.byteLength;
    if (total > maxUploadBytes) {
      await reader.cancel();
      throw tooLarge(total);
    }
    chunks.push(value);
  }

  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

// Returns the uploaded file: the raw body, or the `file` part of a
// multipart/form-data body (with an optional `defaults` JSON part).
export async function readUpload(c: Context<AppEnv>): Promise<Upload> {
  const bytes = await readBounded(c);
  const contentType = c.req.header("content-type") ?? "";

  if (!/^multipart\/form-data/i.test(contentType)) {
    if (bytes.byteLength === 0) {
      throw new ApiError(400, { code: "missing_field", field: "file" });
    }
    const mediaType = contentType.split(";")[0]!.trim().toLowerCase();
    return { bytes, ...(mediaType ? { mediaType } : {}) };
  }

  let form: FormData;
  try {
    form = await new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { "content-type": contentType } }).formData();
  } catch {
    throw new ApiError(400, { code: "invalid_multipart", field: "body" });
  }
  const file = form.get("file");
  if (!file || typeof file === "string") {
    throw new ApiError(400, { code: "missing_field", field: "file" });
  }
  const defaults = form.get("defaults");
  return {
    bytes: new Uint8Array(await file.arrayBuffer()),
    ...(file.name ? { filename: file.name } : {}),
    ...(typeof defaults === "string" ? { defaultsJson: defaults } : {}),
  };
}
