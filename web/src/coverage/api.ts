import { requestApi } from "../core/api-client.js";
import type { CoverageLanguage } from "./i18n.js";

// The coverage layer's client of the API, in the layer's own language. Errors
// are ApiError (web/src/core/api-client.ts) with the API's localized message.
export class CoverageApi {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly language: () => CoverageLanguage,
  ) {}

  // The coverage GET endpoints always return a body, never 204.
  async get<T>(path: string, query: Record<string, string | number | boolean> = {}): Promise<T> {
    return (await requestApi<T>({ method: "GET", url: `${this.baseUrl}${path}`, query, token: this.token, language: this.language() }, String)) as T;
  }

  // The what-if endpoint returns its result, never 204.
  async post<T>(path: string, body: unknown): Promise<T> {
    return (await requestApi<T>({ method: "POST", url: `${this.baseUrl}${path}`, token: this.token, language: this.language(), body }, String)) as T;
  }
}
