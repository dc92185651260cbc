// WGS-84 <-> GCJ-02 ("Mars coordinates"), the obfuscated datum that Chinese
// web maps (Amap/Gaode, Tencent) draw their tiles in. This is the formula
// published widely in open source (the Krasovsky 1940 ellipsoid constants
// below, as in the eviltransform and coordtransform projects); it matches
// the official offset to within a few metres. Outside mainland China the
// datums coincide and positions pass through unchanged.

const semiMajorAxisM = 6378245.0;
const eccentricitySquared = 0.00669342162296594323;

export type LonLat = [lon: number, lat: number];

export function isOutsideChina([lon, lat]: LonLat): boolean {
  return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function offsetLat(x: number, y: number): number {
  let value = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  value += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  value += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  value += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320.0 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return value;
}

function offsetLon(x: number, y: number): number {
  let value = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  value += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  value += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  value += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return value;
}

export function wgs84ToGcj02(position: LonLat): LonLat {
  if (isOutsideChina(position)) {
    return position;
  }

  const [lon, lat] = position;
  const latRad = (lat / 180.0) * Math.PI;
  const sinLat = Math.sin(latRad);
  const magic = 1 - eccentricitySquared * sinLat * sinLat;
  const sqrtMagic = Math.sqrt(magic);

  const dLat = (offsetLat(lon - 105.0, lat - 35.0) * 180.0) / (((semiMajorAxisM * (1 - eccentricitySquared)) / (magic * sqrtMagic)) * Math.PI);
  const dLon = (offsetLon(lon - 105.0, lat - 35.0) * 180.0) / ((semiMajorAxisM / sqrtMagic) * Math.cos(latRad) * Math.PI);
  return [lon + dLon, lat + dLat];
}

// Inverts wgs84ToGcj02 by fixed-point iteration; the offset changes slowly
// (metres per kilometre), so three rounds reach well under a centimetre.
export function gcj02ToWgs84(position: LonLat): LonLat {
  if (isOutsideChina(position)) {
    return position;
  }

  let guess: LonLat = position;
  for (let round = 0; round < 3; round++) {
    const [lon, lat] = wgs84ToGcj02(guess);
    guess = [guess[0] - (lon - position[0]), guess[1] - (lat - position[1])];
  }
  return guess;
}
