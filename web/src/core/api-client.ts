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

export interface ApiRequest {
  method: "GET" | "POST";
  // Base URL and path, without the query.
  url: string;
  query?: Record<string, string | number | boolean>;
  // Sent as a bearer token unless empty (as for POST /auth/login).
  token: string;
  // Accept-Language, the language of the API's error messages.
  language: string;
  // Sent as JSON when given.
  body?: unknown;
}

// Sends one request to the API and returns the JSON body, or null for a 204
// response. Raises ApiError with the API's code and message, or with status
// 0 and code network_error (message from networkMessage) when fetch failed.
export async function requestApi<T>(request: ApiRequest, networkMessage: (error: unknown) => string): Promise<T | null> {
  const headers: Record<string, string> = { "accept-language": request.language, accept: "application/json" };
  if (request.token) {
    headers.authorization = `Bearer ${request.token}`;
  }
  if (request.body !== undefined) {
    headers["content-type"] = "application/json";
  }
  const params = new URLSearchParams(Object.entries(request.query ?? {}).map(([key, value]) => [key, String(value)]));
  const url = params.size > 0 ? `${request.url}?${params}` : request.url;

  let response: Response;
  try {
    response = await fetch(url, { method: request.method, headers, body: request.body === undefined ? undefined : JSON.stringify(request.body) });
  } catch (error) {
    console.warn(`${request.method} ${request.url} failed`, error);
    throw new ApiError(0, "network_error", networkMessage(error));
  }

  if (response.status === 204) {
    return null;
  }
  if (response.ok) {
    return (await response.json()) as T;
  }
  throw await readError(response);
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
    try {
      // A GET endpoint always returns a body, never 204.
      return (await requestApi<T>({ method: "GET", url: `${this.baseUrl}${path}`, query, token: this.token, language: currentLanguage() }, networkMessage)) as T;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        this.onUnauthorized(error);
      }
      throw error;
    }
  }

  // Sends a JSON body, without a bearer token when the client has none (as
  // for POST /auth/login). Returns null for a 204 response.
  post<T>(path: string, body: unknown = {}): Promise<T | null> {
    return requestApi<T>({ method: "POST", url: `${this.baseUrl}${path}`, token: this.token, language: currentLanguage(), body }, networkMessage);
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

function networkMessage(): string {
  return t("error.network");
}

async function readError(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    return new ApiError(response.status, body.error?.code ?? "http_error", body.error?.message ?? `HTTP ${response.status}`);
  } catch {
    return new ApiError(response.status, "http_error", `HTTP ${response.status}`);
  }
}
