import { ApiError, type ApiClient } from "../core/api-client.js";
import type { Role } from "../core/capabilities.js";
import { writeAsset, type FieldError } from "../planning/api.js";

export type { FieldError };

// A user as GET /api/v1/users returns it; the password hash never leaves the API.
export interface UserRecord {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  city: string;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

// An API token as GET /api/v1/tokens returns it, without its secret.
export interface TokenRecord {
  id: number;
  name: string;
  role: Role;
  city: string;
  createdAt: string;
  // Written at most once a minute by the API.
  lastUsedAt: string | null;
  revokedAt: string | null;
}

// POST /api/v1/tokens returns the secret in `token`, this one time only.
export interface CreatedToken extends Omit<TokenRecord, "revokedAt" | "lastUsedAt"> {
  token: string;
}

export type AdminWrite<T> = { ok: true; body: T | null } | { ok: false; status: number; errors: FieldError[] };

// The user and token routes of /api/v1. Reads go through the console's
// ApiClient. Writes go through the planning module's writeAsset, which
// returns the API's whole `errors` list with the field of each, so that a
// form can show every message beside its input. A 401 on a write runs the
// same sign-in handler as a 401 on a read.
export class AdminApi {
  constructor(
    private readonly api: ApiClient,
    private readonly token: string,
    private readonly onUnauthorized: (error: ApiError) => void,
  ) {}

  listUsers(): Promise<UserRecord[]> {
    return this.api.getAllItems<UserRecord>("/users");
  }

  async listTokens(): Promise<TokenRecord[]> {
    return (await this.api.get<{ items: TokenRecord[] }>("/tokens")).items;
  }

  createUser(body: { username: string; displayName: string; role: Role; city: string; password: string }): Promise<AdminWrite<UserRecord>> {
    return this.write("POST", "/users", body);
  }

  // A new password or disabled: true ends the user's sessions on the server.
  updateUser(id: number, body: Partial<Pick<UserRecord, "displayName" | "role" | "city" | "disabled">> & { password?: string }): Promise<AdminWrite<UserRecord>> {
    return this.write("PATCH", `/users/${id}`, body);
  }

  deleteUser(id: number): Promise<AdminWrite<null>> {
    return this.write("DELETE", `/users/${id}`);
  }

  createToken(body: { name: string; role: Role; city: string }): Promise<AdminWrite<CreatedToken>> {
    return this.write("POST", "/tokens", body);
  }

  revokeToken(id: number): Promise<AdminWrite<null>> {
    return this.write("DELETE", `/tokens/${id}`);
  }

  private async write<T>(method: "POST" | "PATCH" | "DELETE", path: string, body?: unknown): Promise<AdminWrite<T>> {
    const result = await writeAsset(this.token, method, path, body);
    if (result.ok) {
      // writeAsset returns any JSON body under `feature`; here it is a user or a token.
      return { ok: true, body: result.feature as unknown as T | null };
    }

    if (result.status === 401) {
      const first = result.errors[0];
      this.onUnauthorized(new ApiError(401, first?.code ?? "invalid_token", first?.message ?? "HTTP 401"));
    }
    return result;
  }
}
