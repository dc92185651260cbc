import { requestApi } from "../core/api-client.js";

// The dispatch panel's client of the API, in the panel's own language. Errors
// are ApiError (web/src/core/api-client.ts) with the API's localized message.
export class DispatchApi {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly language: () => string,
  ) {}

  // The dispatch GET endpoints always return a body, never 204.
  async get<T>(path: string): Promise<T> {
    return (await requestApi<T>({ method: "GET", url: `${this.baseUrl}${path}`, token: this.token, language: this.language() }, String)) as T;
  }

  // The incident, mission and alert POST endpoints return the changed record, never 204.
  async post<T>(path: string, body: unknown): Promise<T> {
    return (await requestApi<T>({ method: "POST", url: `${this.baseUrl}${path}`, token: this.token, language: this.language(), body }, String)) as T;
  }
}
