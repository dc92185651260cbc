import "leaflet/dist/leaflet.css";
import "./styles/layout.css";
import "./styles/panels.css";
import "./styles/map.css";
import "./styles/dialogs.css";

import { ConsoleApp, showNotice } from "./app.js";
import { initLanguage, t, translateDom, type MessageKey } from "./core/i18n.js";
import { signOut, takeSignInReason } from "./core/session.js";
import { storedToken, storeToken, takeTokenFromFragment } from "./core/token.js";
import { useDefaultMarkerIcons } from "./map/default-icons.js";
import { mountHeader } from "./ui/header.js";
import { askForToken } from "./ui/sign-in.js";

async function obtainToken(): Promise<string> {
  const token = takeTokenFromFragment(window.location, window.history) ?? storedToken();
  if (token) {
    return token;
  }

  const reason = takeSignInReason();
  const notices: Record<string, MessageKey> = { session_expired: "signIn.sessionExpired", signed_out: "signIn.signedOut" };
  const entered = await askForToken(reason ? notices[reason] : null);
  storeToken(entered);
  return entered;
}

// Starts the console: the language and the header first, so that the
// sign-in dialog is in the right language and the switch works there too,
// then the token, then who signed in, then the map.
async function main(): Promise<void> {
  initLanguage();
  translateDom(document.body);
  document.title = t("app.title");
  useDefaultMarkerIcons();

  let app: ConsoleApp | null = null;
  let token: string | null = null;
  const header = mountHeader(document.getElementById("header")!, {
    onFleet: () => app?.toggleFleet(),
    onCoverage: () => app?.toggleCoverage() ?? false,
    onDispatch: () => app?.toggleDispatch() ?? false,
    onMutualAid: () => app?.toggleMutualAid() ?? false,
    onAdmin: () => app?.toggleAdmin() ?? false,
    onSettings: () => app?.openSettings(),
    onSignOut: () => void signOut(token, "signed_out"),
  });

  token = await obtainToken();
  const started = new ConsoleApp(token, () => header.showAdminClosed());
  app = started;
  const principal = await started.start();
  header.showPrincipal(principal, () => started.cityName(principal.city));
  document.body.dataset.ready = "true";
}

main().catch((error: unknown) => {
  console.error("the console failed to start", error);
  showNotice(error instanceof Error ? error.message : String(error));
});
