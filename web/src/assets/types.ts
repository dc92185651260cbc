// Asset properties as the API presents them (api/assets/kinds.ts lists the
// output fields). Every feature also carries its numeric id.

interface Provenance {
  notes?: string | null;
  synthetic?: boolean;
  source?: string | null;
  updatedAt?: string;
}

export interface BaseProperties extends Provenance {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string | null;
  kind: "air_station" | "mobile_station" | "helipad" | "partner_base";
  city: string;
  fuelAvailable?: boolean;
  nightOperations?: boolean;
  elevationM?: number | null;
}

export interface LandingPointProperties extends Provenance {
  nameZh: string;
  nameEn: string | null;
  surface: string;
  sizeM: number;
  nightCapable?: boolean;
  elevationM?: number | null;
  city: string;
}

export interface WaterSourceProperties extends Provenance {
  nameZh: string;
  nameEn: string | null;
  kind: string;
  bucketUsable?: boolean;
  minDepthM?: number | null;
  monthsFrozen?: number[];
  city: string;
}

export interface PatrolRouteProperties extends Provenance {
  nameZh: string;
  nameEn: string | null;
  corridorWidthKm: number;
  activeMonths?: number[];
  homeBaseId?: number | null;
}

export interface RiskAreaProperties extends Provenance {
  nameZh: string;
  nameEn: string | null;
  kind: string;
  weight: number;
}

export interface Aircraft {
  id: number;
  registration: string;
  icaoAddress: string | null;
  callsign: string | null;
  typeId: string;
  homeBaseId: number | null;
  status: "available" | "on_mission" | "maintenance" | "off_duty" | null;
  operator: string | null;
  city: string;
  synthetic?: boolean;
}

export interface AircraftType {
  id: string;
  name: string;
  nameZh: string | null;
  category: "helicopter" | "fixed_wing" | "drone";
}

export type AssetFeature<P> = GeoJSON.Feature<GeoJSON.Geometry, P> & { id: number };
