import type { CoverageLanguage } from "./i18n.js";

// A small client of the coverage API: bearer token, Accept-Language for the
// server's messages, and errors that carry the server's localized message.
export class CoverageApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "CoverageApiError";
  }
}

export class CoverageApi {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly language: () => CoverageLanguage,
  ) {}

  get<T>(path: string, query: Record<string, string | number | boolean> = {}): Promise<T> {
    const params = new URLSearchParams(Object.entries(query).map(([key, value]) => [key, String(value)]));
    const suffix = params.size > 0 ? `?${params}` : "";
    return this.request<T>("GET", `${path}${suffix}`);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>("POST", path, body);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.token}`,
      "accept-language": this.language(),
      accept: "application/json",
    };
    if (body !== undefined) {
      headers["content-type"] = "application/json";
    }

    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (error) {
      console.warn(`${method} ${path} failed`, error);
      throw new CoverageApiError(0, "network_error", String(error));
    }

    const json = (await response.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    if (!response.ok) {
      throw new CoverageApiError(response.status, json?.error?.code ?? "unknown", json?.error?.message ?? response.statusText);
    }
    return json as T;
  }
}
