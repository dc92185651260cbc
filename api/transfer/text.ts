import { DOMParser, type Document } from "@xmldom/xmldom";

import { ApiError } from "../http/errors.js";

// Raises the file-level 422: the file as a whole could not be read, so no
// record in it is looked at.
export function invalidFile(reason: string, line?: number): ApiError {
  return new ApiError(422, { code: "invalid_file", field: "file", expected: reason, ...(line ? { params: { line } } : {}) });
}

// Decodes uploaded text. UTF-8 (with or without a BOM) is the norm, but Excel
// and WPS on Chinese Windows save "CSV" in GB18030 (a superset of GBK), so a
// file that is not valid UTF-8 is read as GB18030. Node 20's bundled ICU has
// that decoder.
export function decodeText(bytes: Uint8Array): { text: string; encoding: "utf-8" | "gb18030" } {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("gb18030").decode(bytes), encoding: "gb18030" };
  }
}

// Parses XML with xmldom and stops at the first error, since a truncated or
// malformed KML or GPX file cannot be trusted for any of its records.
export function parseXml(text: string): Document {
  let firstError: { message: string; line?: number } | null = null;
  const parser = new DOMParser({
    onError: (level, message, context) => {
      if (level === "warning") {
        return;
      }
      const line = (context as { locator?: { lineNumber?: number } } | undefined)?.locator?.lineNumber;
      firstError ??= { message: message.split("\n")[0] ?? message, line };
      throw new Error(message);
    },
  });

  try {
    return parser.parseFromString(text, "text/xml");
  } catch (error) {
    const reported = firstError as { message: string; line?: number } | null;
    const located = (error as { locator?: { lineNumber?: number } }).locator?.lineNumber;
    throw invalidFile(`XML: ${reported?.message ?? (error as Error).message}`, reported?.line ?? located);
  }
}
