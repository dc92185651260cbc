// GCJ-02 ("Mars coordinates", used by AMap/Gaode, Tencent and Google's China
// maps) to WGS-84. GCJ-02 is WGS-84 plus an obfuscation offset of a few
// hundred metres. The forward offset below is the public formula on the
// Krasovsky 1940 ellipsoid as published in googollee/eviltransform
// (javascript/transform.js, MIT), the reference most Chinese GIS code copies.
// There is no closed-form inverse, so gcj02ToWgs84 iterates the forward
// offset, which converges to well under a millimetre inside China.

const krasovskySemiMajorAxisM = 6378245.0;
const krasovskyEccentricitySquared = 0.00669342162296594323;

// Stop when a step moves the point by less than this (about 0.1 mm).
const convergenceDeg = 1e-9;
const maxIterations = 30;

// The offset is only applied inside this box, as in the published formula,
// because outside China GCJ-02 and WGS-84 are the same.
function isOutsideChina(lon: number, lat: number): boolean {
  return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function offsetLatTerm(x: number, y: number): number {
  let sum = 20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI);
  sum += 20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI);
  sum += 160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0);
  sum *= 2.0 / 3.0;
  return sum - 100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
}

function offsetLonTerm(x: number, y: number): number {
  let sum = 20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI);
  sum += 20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI);
  sum += 150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI);
  sum *= 2.0 / 3.0;
  return sum + 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
}

// Returns GCJ-02 minus WGS-84 in degrees, [dLon, dLat], at a WGS-84 point.
function gcj02OffsetDeg(lon: number, lat: number): [number, number] {
  const latRad = (lat / 180.0) * Math.PI;
  const sinLat = Math.sin(latRad);
  const magic = 1 - krasovskyEccentricitySquared * sinLat * sinLat;
  const sqrtMagic = Math.sqrt(magic);

  const dLat =
    (offsetLatTerm(lon - 105.0, lat - 35.0) * 180.0) /
    (((krasovskySemiMajorAxisM * (1 - krasovskyEccentricitySquared)) / (magic * sqrtMagic)) * Math.PI);
  const dLon =
    (offsetLonTerm(lon - 105.0, lat - 35.0) * 180.0) / ((krasovskySemiMajorAxisM / sqrtMagic) * Math.cos(latRad) * Math.PI);
  return [dLon, dLat];
}

export function wgs84ToGcj02(lonLat: readonly [number, number]): [number, number] {
  const [lon, lat] = lonLat;
  if (isOutsideChina(lon, lat)) {
    return [lon, lat];
  }
  const [dLon, dLat] = gcj02OffsetDeg(lon, lat);
  return [lon + dLon, lat + dLat];
}

// Finds the WGS-84 point whose forward transform is the given GCJ-02 point,
// by fixed-point iteration: wgs <- wgs - (forward(wgs) - gcj).
export function gcj02ToWgs84(lonLat: readonly [number, number]): [number, number] {
  const [gcjLon, gcjLat] = lonLat;
  if (isOutsideChina(gcjLon, gcjLat)) {
    return [gcjLon, gcjLat];
  }

  let lon = gcjLon;
  let lat = gcjLat;
  for (let i = 0; i < maxIterations; i++) {
    const [forwardLon, forwardLat] = wgs84ToGcj02([lon, lat]);
    const errorLon = forwardLon - gcjLon;
    const errorLat = forwardLat - gcjLat;
    lon -= errorLon;
    lat -= errorLat;
    if (Math.abs(errorLon) < convergenceDeg && Math.abs(errorLat) < convergenceDeg) {
      break;
    }
  }
  return [lon, lat];
}
