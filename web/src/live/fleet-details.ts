import { typeName, type AssetContext } from "../assets/catalog.js";
import { namesFor, type PopupRow } from "../assets/popup.js";
import { enumLabel } from "../assets/values.js";

// Rows a fleet aircraft's popup adds from the registry: its type, home base
// and status. Traffic that is not in the fleet gets none.
export function fleetDetailRows(context: AssetContext, icaoAddress: string): PopupRow[] {
  const aircraft = context.aircraft.find((candidate) => candidate.icaoAddress === icaoAddress);
  if (!aircraft) {
    return [];
  }

  const type = context.typesById.get(aircraft.typeId);
  const base = aircraft.homeBaseId ? context.basesById.get(aircraft.homeBaseId) : undefined;
  return [
    ["field.type", typeName(type) ?? aircraft.typeId],
    ["field.homeBase", base ? namesFor(base.nameZh, base.nameEn).title : null],
    ["field.status", aircraft.status ? (enumLabel("enum.status", aircraft.status) ?? aircraft.status) : null],
  ];
}
