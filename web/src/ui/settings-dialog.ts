import { element } from "../core/dom.js";
import { onLanguageChange, t, translateDom, type MessageKey } from "../core/i18n.js";
import { validateTileSettings, type Settings, type TileSettings } from "../core/settings.js";

interface Preset {
  labelKey: MessageKey;
  tiles: Pick<TileSettings, "urlTemplate" | "subdomains" | "gcj02">;
}

// Tile sources a user can start from. Nothing is requested until the user
// turns the raster layer on and saves. Tianditu's web-Mercator vector tiles
// need a key (tk); Amap's tiles are GCJ-02, so the preset sets the shift.
const presets: Record<string, Preset> = {
  custom: { labelKey: "settings.preset.custom", tiles: { urlTemplate: "", subdomains: "", gcj02: false } },
  tianditu: {
    labelKey: "settings.preset.tianditu",
    tiles: {
      urlTemplate:
        "https://t{s}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={key}",
      subdomains: "01234567",
      gcj02: false,
    },
  },
  amap: {
    labelKey: "settings.preset.amap",
    tiles: { urlTemplate: "https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}", subdomains: "1234", gcj02: true },
  },
  osm: { labelKey: "settings.preset.osm", tiles: { urlTemplate: "https://tile.openstreetmap.org/{z}/{x}/{y}.png", subdomains: "", gcj02: false } },
};

function checkbox(checked: boolean, testId: string): HTMLInputElement {
  const input = element("input", { type: "checkbox", "data-testid": testId });
  input.checked = checked;
  return input;
}

// Opens the settings dialog; onSave gets the new settings once they are valid.
export function openSettings(current: Settings, onSave: (settings: Settings) => void): void {
  const enabled = checkbox(current.tiles.enabled, "tiles-enabled");
  const preset = element("select", { "data-testid": "tiles-preset" });
  for (const [id, { labelKey }] of Object.entries(presets)) {
    preset.append(element("option", { value: id, "data-i18n": labelKey }));
  }
  const template = element("input", { type: "text", value: current.tiles.urlTemplate, "data-testid": "tiles-url", spellcheck: "false" });
  const key = element("input", { type: "text", value: current.tiles.key, "data-testid": "tiles-key", autocomplete: "off" });
  const subdomains = element("input", { type: "text", value: current.tiles.subdomains, "data-testid": "tiles-subdomains" });
  const gcj02 = checkbox(current.tiles.gcj02, "tiles-gcj02");
  const opacity = element("input", { type: "range", min: "0.2", max: "1", step: "0.1", value: String(current.tiles.opacity) });
  const fleetOnly = checkbox(current.fleetOnly, "fleet-only");
  const error = element("p", { class: "form-error", role: "alert", "data-testid": "settings-error" });

  preset.addEventListener("change", () => {
    const chosen = presets[preset.value];
    if (!chosen) {
      return;
    }
    template.value = chosen.tiles.urlTemplate;
    subdomains.value = chosen.tiles.subdomains;
    gcj02.checked = chosen.tiles.gcj02;
  });

  const save = element("button", { type: "submit", class: "primary", "data-i18n": "settings.save", "data-testid": "settings-save" });
  const cancel = element("button", { type: "button", "data-i18n": "settings.cancel" });

  const form = element("form", { method: "dialog" }, [
    element("h2", { "data-i18n": "settings.title" }),
    element("fieldset", {}, [
      element("legend", { "data-i18n": "settings.tiles" }),
      element("p", { class: "form-help", "data-i18n": "settings.offlineNote" }),
      element("label", { class: "check" }, [enabled, element("span", { "data-i18n": "settings.tilesEnabled" })]),
      element("label", { class: "field" }, [element("span", { "data-i18n": "settings.preset" }), preset]),
      element("label", { class: "field" }, [element("span", { "data-i18n": "settings.urlTemplate" }), template]),
      element("p", { class: "form-help", "data-i18n": "settings.urlHelp" }),
      element("div", { class: "field-row" }, [
        element("label", { class: "field" }, [element("span", { "data-i18n": "settings.key" }), key]),
        element("label", { class: "field" }, [element("span", { "data-i18n": "settings.subdomains" }), subdomains]),
      ]),
      element("label", { class: "check" }, [gcj02, element("span", { "data-i18n": "settings.gcj02" })]),
      element("label", { class: "field" }, [element("span", { "data-i18n": "settings.opacity" }), opacity]),
    ]),
    element("fieldset", {}, [
      element("legend", { "data-i18n": "settings.live" }),
      element("label", { class: "check" }, [fleetOnly, element("span", { "data-i18n": "settings.fleetOnly" })]),
    ]),
    error,
    element("div", { class: "dialog-actions" }, [cancel, save]),
  ]);

  const dialog = element("dialog", { class: "settings", "data-testid": "settings" }, [form]);
  document.body.append(dialog);
  translateDom(dialog);
  onLanguageChange(() => translateDom(dialog));

  const close = () => {
    dialog.close();
    dialog.remove();
  };
  cancel.addEventListener("click", close);
  dialog.addEventListener("cancel", () => dialog.remove());

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const tiles: TileSettings = {
      enabled: enabled.checked,
      urlTemplate: template.value.trim(),
      subdomains: subdomains.value.trim(),
      key: key.value.trim(),
      gcj02: gcj02.checked,
      opacity: Number(opacity.value),
    };

    const problem = tiles.enabled ? validateTileSettings(tiles) : null;
    if (problem) {
      error.textContent = t(problem);
      return;
    }
    close();
    onSave({ tiles, fleetOnly: fleetOnly.checked });
  });

  dialog.showModal();
}
