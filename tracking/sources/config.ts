import { readFile } from "node:fs/promises";
import { z } from "zod";

/**
 * Feed sources configured in a JSON file: an array of objects, one per
 * source, e.g.
 *   [{ "id": "linhe-sbs", "format": "sbs", "transport": "tcp-client",
 *      "host": "192.0.2.10", "port": 30003, "receiverLonLat": [107.74, 40.93] }]
 * The path comes from the environment variable FEEDS_CONFIG; without it
 * no source is configured.
 */

const lonLatSchema = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

const relocateSchema = z
  .object({
    dLonDeg: z.number().min(-360).max(360),
    dLatDeg: z.number().min(-180).max(180),
  })
  .strict();

export const feedFormats = ["sbs", "avr", "beast", "json"] as const;
export const feedTransports = ["tcp-client", "tcp-listener", "http-poll", "file"] as const;

export const feedConfigSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, "must be 1-64 letters, digits, '_', '.' or '-', starting with a letter or digit"),
    format: z.enum(feedFormats),
    transport: z.enum(feedTransports),
    host: z.string().min(1).optional(),
    port: z.number().int().min(0).max(65535).optional(),
    url: z.url({ protocol: /^https?$/, error: "must be an http or https URL" }).optional(),
    /** Recorded feed file, for transport "file". */
    path: z.string().min(1).optional(),
    /** Poll interval of "http-poll". */
    intervalMs: z.number().int().min(100).max(3_600_000).optional(),
    /** Receiver position, the reference for local CPR decoding. */
    receiverLonLat: lonLatSchema.nullable().default(null),
    relocate: relocateSchema.nullable().default(null),
    /** UTC offset of SBS date/time fields in minutes; null stamps lines with their arrival time. */
    sbsUtcOffsetMin: z.number().int().min(-720).max(840).nullable().default(null),
    enabled: z.boolean().default(true),
  })
  .strict()
  .superRefine(checkTransportFields);

export type FeedConfig = z.infer<typeof feedConfigSchema>;

export const feedsConfigSchema = z.array(feedConfigSchema).superRefine((configs, context) => {
  const seen = new Set<string>();
  configs.forEach((config, index) => {
    if (seen.has(config.id)) {
      context.addIssue({ code: "custom", path: [index, "id"], message: `duplicate id "${config.id}"` });
    }
    seen.add(config.id);
  });
});

/** Checks the fields each transport needs and the formats it can carry. */
function checkTransportFields(config: FeedConfig, context: z.RefinementCtx): void {
  const require = (field: keyof FeedConfig) => {
    if (config[field] === undefined) {
      context.addIssue({ code: "custom", path: [field], message: `required for transport ${config.transport}` });
    }
  };

  switch (config.transport) {
    case "tcp-client":
      require("host");
      require("port");
      break;
    case "tcp-listener":
      require("port");
      break;
    case "http-poll":
      require("url");
      break;
    case "file":
      require("path");
      break;
  }

  const isTcp = config.transport === "tcp-client" || config.transport === "tcp-listener";
  if (isTcp && config.format === "json") {
    context.addIssue({ code: "custom", path: ["format"], message: "must be sbs, avr or beast for a TCP transport" });
  }
  if (config.transport === "http-poll" && config.format !== "json") {
    context.addIssue({ code: "custom", path: ["format"], message: "must be json for transport http-poll" });
  }
}

/**
 * An invalid feeds configuration. `issues` name each field as a path,
 * e.g. `[2].port: required for transport tcp-client`.
 */
export class FeedConfigError extends Error {
  readonly code = "invalid_feed_config";
  readonly messageZh: string;

  constructor(
    readonly issues: string[],
    readonly origin: string,
  ) {
    super(`${origin}: invalid feed configuration: ${issues.join("; ")}`);
    this.name = "FeedConfigError";
    this.messageZh = `${origin}：数据源配置无效：${issues.join("；")}`;
  }
}

function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`)).join("");
    const field = path.startsWith(".") ? path.slice(1) : path;
    return `${field === "" ? "(root)" : field}: ${issue.message}`;
  });
}

/** Validates one source's configuration, as the admin endpoint sends it; throws FeedConfigError. */
export function parseFeedConfig(input: unknown, origin = "feed source"): FeedConfig {
  const result = feedConfigSchema.safeParse(input);
  if (!result.success) {
    throw new FeedConfigError(formatIssues(result.error), origin);
  }
  return result.data;
}

/** Validates a whole configuration file's content; throws FeedConfigError. */
export function parseFeedsConfig(input: unknown, origin = "feeds config"): FeedConfig[] {
  const result = feedsConfigSchema.safeParse(input);
  if (!result.success) {
    throw new FeedConfigError(formatIssues(result.error), origin);
  }
  return result.data;
}

/**
 * Reads the file named by FEEDS_CONFIG; returns [] when the variable is
 * unset or empty. Throws FeedConfigError when the file is missing, is
 * not JSON, or fails validation.
 */
export async function loadFeedsConfig(env: NodeJS.ProcessEnv = process.env): Promise<FeedConfig[]> {
  const path = env.FEEDS_CONFIG;
  if (path === undefined || path.trim() === "") {
    return [];
  }

  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new FeedConfigError([`cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); check FEEDS_CONFIG`], path);
  }

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new FeedConfigError([`not valid JSON: ${(error as Error).message}`], path);
  }
  return parseFeedsConfig(json, path);
}
