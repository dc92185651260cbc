import { ApiClient, ApiError } from "./api-client.js";
import type { Principal } from "./capabilities.js";
import { forgetToken } from "./token.js";

// Session tokens from POST /api/v1/auth/login start with this prefix; API
// tokens start with "art_". Only a session can be logged out.
const sessionPrefix = "ars_";
const reasonKey = "bayannur-console.signInReason";

export type SignInReason = "session_expired" | "signed_out";

// Logs in with username and password and returns the session token. Raises
// the API's error, whose message is in the console's language: wrong
// credentials (401), too many attempts with the wait time (429), or invalid
// input (400).
export async function logIn(username: string, password: string): Promise<string> {
  const created = await new ApiClient("").post<{ token: string }>("/auth/login", { username, password });
  if (!created) {
    throw new ApiError(500, "http_error", "POST /auth/login returned no body");
  }
  return created.token;
}

export async function fetchPrincipal(api: ApiClient): Promise<Principal> {
  return api.get<Principal>("/auth/me");
}

// Forgets the token and reloads to the sign-in dialog, which then shows the
// reason if there is one. A user's own sign-out also ends the session on the
// server; API tokens stay valid until an admin revokes them.
export async function signOut(token: string | null, reason: SignInReason | null): Promise<void> {
  if (reason === "signed_out" && token?.startsWith(sessionPrefix)) {
    try {
      await new ApiClient(token).post("/auth/logout");
    } catch (error) {
      // An expired session needs no logout, and the token is forgotten anyway.
      console.warn("logout failed", error);
    }
  }
  forgetToken();
  if (reason) {
    rememberSignInReason(reason);
  }
  window.location.reload();
}

// Keeps the reason across the reload, so that the dialog can show why it opened again.
function rememberSignInReason(reason: SignInReason): void {
  try {
    sessionStorage.setItem(reasonKey, reason);
  } catch {
    // Without sessionStorage the dialog opens without the reason.
  }
}

export function takeSignInReason(): SignInReason | null {
  try {
    const reason = sessionStorage.getItem(reasonKey);
    sessionStorage.removeItem(reasonKey);
    return reason === "session_expired" || reason === "signed_out" ? reason : null;
  } catch {
    return null;
  }
}
