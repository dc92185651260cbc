import { currentLanguage, t } from "./i18n.js";

// One error from the API's error body: a stable code and a message already
// in the language requested with Accept-Language. A request that never got
// a response has status 0 and code network_error.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export interface FeatureCollection<P = Record<string, unknown>> {
  type: "FeatureCollection";
  features: Array<GeoJSON.Feature<GeoJSON.Geometry, P>>;
  total?: number;
}

export interface ItemList<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

type UnauthorizedHandler = (error: ApiError) => void;

// Calls /api/v1 with the bearer token. A 401 runs onUnauthorized with the
// error (the console then shows the sign-in dialog again) before the error
// is raised.
export class ApiClient {
  private onUnauthorized: UnauthorizedHandler = () => {};

  constructor(
    private token: string,
    private readonly baseUrl = "api/v1",
  ) {}

  setToken(token: string): void {
    this.token = token;
  }

  handleUnauthorized(handler: UnauthorizedHandler): void {
    this.onUnauthorized = handler;
  }

  async get<T>(path: string, query: Record<string, string | number> = {}): Promise<T> {
    const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
    const url = `${this.baseUrl}${path}${params.size > 0 ? `?${params}` : ""}`;
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { authorization: `Bearer ${this.token}`, "accept-language": currentLanguage(), accept: "application/json" },
      });
    } catch (error) {
      console.warn(`GET ${path} failed`, error);
      throw new ApiError(0, "network_error", t("error.network"));
    }

    if (response.ok) {
      return (await response.json()) as T;
    }

    const error = await readError(response);
    if (response.status === 401) {
      this.onUnauthorized(error);
    }
    throw error;
  }

  // Sends a JSON body, without a bearer token when the client has none (as
  // for POST /auth/login). Returns null for a 204 response.
  async post<T>(path: string, body: unknown = {}): Promise<T | null> {
    const headers: Record<string, string> = { "accept-language": currentLanguage(), accept: "application/json", "content-type": "application/json" };
    if (this.token) {
      headers.authorization = `Bearer ${this.token}`;
    }

    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, { method: "POST", headers, body: JSON.stringify(body) });
    } catch (error) {
      console.warn(`POST ${path} failed`, error);
      throw new ApiError(0, "network_error", t("error.network"));
    }

    if (response.status === 204) {
      return null;
    }
    if (response.ok) {
      return (await response.json()) as T;
    }
    throw await readError(response);
  }

  // Fetches every page of a GeoJSON list (the API caps limit at 1000).
  async getAllFeatures<P>(path: string): Promise<FeatureCollection<P>> {
    const pageSize = 1000;
    const features: FeatureCollection<P>["features"] = [];

    for (let offset = 0; ; offset += pageSize) {
      const page = await this.get<FeatureCollection<P>>(path, { limit: pageSize, offset });
      features.push(...page.features);
      if (page.features.length < pageSize || features.length >= (page.total ?? 0)) {
        return { type: "FeatureCollection", features, total: page.total ?? features.length };
      }
    }
  }

  async getAllItems<T>(path: string): Promise<T[]> {
    const pageSize = 1000;
    const items: T[] = [];

    for (let offset = 0; ; offset += pageSize) {
      const page = await this.get<ItemList<T>>(path, { limit: pageSize, offset });
      items.push(...page.items);
      if (page.items.length < pageSize || items.length >= page.total) {
        return items;
      }
    }
  }
}

async function readError(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    return new ApiError(response.status, body.error?.code ?? "http_error", body.error?.message ?? `HTTP ${response.status}`);
  } catch {
    return new ApiError(response.status, "http_error", `HTTP ${response.status}`);
  }
}
