import { element } from "../core/dom.js";
import { t } from "../core/i18n.js";
import { downloadExport } from "./api.js";

const trackWindowMs = 3_600_000;

// A button for an aircraft's popup that downloads its stored positions of
// the last hour as GPX. A failure (such as no positions in that hour) is
// shown under the button with the API's message.
export function trackDownloadButton(apiBase: string, token: string, icaoAddress: string): HTMLElement {
  const button = element("button", { type: "button", class: "transfer-track", "data-testid": "download-track" }, [t("transfer.track")]);
  const errorLine = element("p", { class: "transfer-error", role: "alert" });
  errorLine.hidden = true;

  button.addEventListener("click", async () => {
    const toMs = Date.now();
    const query = new URLSearchParams({ from: new Date(toMs - trackWindowMs).toISOString(), to: new Date(toMs).toISOString() });
    button.disabled = true;
    errorLine.hidden = true;
    try {
      await downloadExport(apiBase, token, `tracks/${icaoAddress.toLowerCase()}.gpx?${query}`, `track-${icaoAddress}.gpx`);
    } catch (error) {
      console.warn(`downloading the track of ${icaoAddress} failed`, error);
      errorLine.textContent = t("transfer.trackFailed", { message: error instanceof Error ? error.message : String(error) });
      errorLine.hidden = false;
    }
    button.disabled = false;
  });
  return element("div", { class: "transfer-track-box" }, [button, errorLine]);
}
