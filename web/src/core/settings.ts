// User settings kept in localStorage: the optional raster tile layer and the
// live-traffic filter. The offline base map needs no settings.
export interface TileSettings {
  enabled: boolean;
  urlTemplate: string;
  subdomains: string;
  key: string;
  // The tiles are drawn in GCJ-02 (Amap/Gaode and most Chinese web maps), so
  // the tile layer shifts them onto the WGS-84 data.
  gcj02: boolean;
  opacity: number;
}

export interface Settings {
  tiles: TileSettings;
  fleetOnly: boolean;
}

const storageKey = "bayannur-console.settings";

export const defaultSettings: Settings = {
  tiles: { enabled: false, urlTemplate: "", subdomains: "", key: "", gcj02: false, opacity: 1 },
  fleetOnly: false,
};

export function loadSettings(): Settings {
  try {
    const stored = JSON.parse(localStorage.getItem(storageKey) ?? "null") as Partial<Settings> | null;
    return {
      tiles: { ...defaultSettings.tiles, ...(stored?.tiles ?? {}) },
      fleetOnly: stored?.fleetOnly === true,
    };
  } catch {
    return structuredClone(defaultSettings);
  }
}

export function saveSettings(settings: Settings): void {
  localStorage.setItem(storageKey, JSON.stringify(settings));
}

// Returns the message key of what is wrong with a tile template, or null.
export function validateTileSettings(tiles: TileSettings): "settings.invalidUrl" | "settings.invalidTemplate" | "settings.keyMissing" | null {
  const template = tiles.urlTemplate.trim();
  if (!/^(https?:\/\/|\/)/i.test(template)) {
    return "settings.invalidUrl";
  }
  if (!template.includes("{z}") || !template.includes("{x}") || !template.includes("{y}")) {
    return "settings.invalidTemplate";
  }
  if (template.includes("{key}") && tiles.key.trim() === "") {
    return "settings.keyMissing";
  }
  return null;
}
