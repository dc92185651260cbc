// A small client of the dispatch API: bearer token, Accept-Language for
// server messages, and errors carrying the server's localized message.
export class DispatchApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "DispatchApiError";
  }
}

export class DispatchApi {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly language: () => string,
  ) {}

  get<T>(path: string): Promise<T> {
    return this.request<T>("GET", path);
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
      throw new DispatchApiError(0, "network_error", String(error));
    }
    const json = (await response.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    if (!response.ok) {
      throw new DispatchApiError(response.status, json?.error?.code ?? "unknown", json?.error?.message ?? response.statusText);
    }
    return json as T;
  }
}
