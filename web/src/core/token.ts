// The API token: taken once from the address bar's #token=..., then kept in
// localStorage so that a reload or a bookmark of the bare URL still works.
const storageKey = "bayannur-console.token";

// Reads #token=... from the fragment, stores it and removes it from the
// address bar (with replaceState, so it stays out of the history too).
export function takeTokenFromFragment(location: Location, history: History): string | null {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ""));
  const token = fragment.get("token")?.trim();
  if (!token) {
    return null;
  }

  fragment.delete("token");
  const rest = fragment.toString();
  history.replaceState(history.state, "", location.pathname + location.search + (rest ? `#${rest}` : ""));
  storeToken(token);
  return token;
}

export function storedToken(): string | null {
  try {
    return localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

export function storeToken(token: string): void {
  localStorage.setItem(storageKey, token);
}

export function forgetToken(): void {
  localStorage.removeItem(storageKey);
}
