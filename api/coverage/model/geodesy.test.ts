import { describe, expect, it } from "vitest";

import { type Ellipsoid, type LonLat, destinationPoint, geodesicDistanceKm, geodesicInverse } from "./geodesy.js";

// Reference values come from published sources, never from this module:
//
// 1. GeographicLib's regression cases: the 20 "testcases" rows in the test
//    suites of its C port (geodtest.c), Python port and JavaScript port
//    (test/geodesictest.js in geographiclib-geodesic 2.2.0), by C. F. F. Karney,
//    on WGS-84. Columns: lat1, lon1, azi1, lat2, lon2, azi2, s12 (m).
//    They are not rows of GeodTest.dat (Karney, "Test set for geodesics", 2010,
//    doi:10.5281/zenodo.32156), whose lon1 is always 0; that file is not
//    available offline here.
// 2. T. Vincenty, "Direct and inverse solutions of geodesics on the ellipsoid
//    with application of nested equations", Survey Review no. 176, April 1975,
//    Table II, lines (a) to (e), on the Bessel 1841 and International 1924
//    ellipsoids.
// 3. The examples in the geographiclib-geodesic 2.2.0 README (Wellington to
//    Salamanca; 20000 km south-west of Perth).
// 4. The EXAMPLES section of the GeodSolve(1) man page (GeographicLib):
//    JFK to Singapore Changi, with the azimuths and 10 % waypoints it prints.

// prettier-ignore
const geographicLibCases: ReadonlyArray<readonly [number, number, number, number, number, number, number]> = [
  [35.60777, -139.44815, 111.09874842956033, -11.17491, -69.95921, 129.28927088970877, 8935244.56048183],
  [55.52454, 106.05087, 22.0200598809828, 77.03196, 197.18234, 109.11204111067151, 4105086.171392441],
  [-21.97856, 142.59065, -32.44456876433189, 41.84138, 98.56635, -41.84359951440466, 8394328.894657671],
  [-66.99028, 112.2363, 173.73491240878403, -12.70631, 285.90344, 2.512956620913668, 11150344.231208025],
  [-17.42761, 173.34268, -159.03355766119293, -15.84784, 5.93557, -20.78748465153699, 16076603.163118068],
  [32.84994, 48.28919, 150.492927788122, -56.28556, 202.29132, 48.11344939981676, 16727068.943816446],
  [6.96833, 52.74123, 92.58158538631771, -7.39675, 206.17291, 90.72169216592391, 17102477.249695837],
  [-50.56724, -16.30485, -105.43967990759016, -33.56571, -94.97412, -47.34854783565033, 6455670.511866869],
  [-58.93002, -8.90775, 140.96539790250068, -8.91104, 133.13503, 19.255429433416598, 11756066.021986462],
  [-68.82867, -74.28391, 93.77434776311487, -50.63005, -8.36685, 34.65564085411343, 3956936.926063544],
  [-10.62672, -32.0898, -86.42671328674776, 5.883, -134.31681, -80.47378097103487, 11470869.386456301],
  [-21.76221, 166.90563, 29.31942120693643, 48.72884, 213.97627, 43.50867194641017, 9098627.398655491],
  [-19.79938, -174.47484, 71.16727578017154, -11.99349, -154.35109, 65.58909977519923, 2319004.860116939],
  [-11.95887, -116.94513, 92.71261983045255, 4.57352, 7.16501, 78.64960934409585, 13834722.580140138],
  [-87.85331, 85.66836, -65.12031304024275, 66.48646, 16.09921, -4.888658719272296, 17286615.314714465],
  [1.74708, 128.32011, -101.58484363117385, -11.16617, 11.87109, -86.32579329643748, 12942901.124134742],
  [-25.72959, -144.90758, -153.6474686931172, -57.70581, -269.17879, -48.34398315887649, 9413446.745245311],
  [-41.22777, 122.32875, 14.285113402275739, -7.57291, 130.37946, 10.805303085187369, 3812686.035106021],
  [11.01307, 138.25278, 79.43682622782374, 6.62726, 247.05981, 103.70809021552266, 11911190.819018409],
  [-29.47124, 95.14681, -163.77913044168838, -27.46601, -69.15955, -15.90933594555497, 13487015.838114548],
];

function wrapDeg(angleDeg: number): number {
  return ((((angleDeg + 180) % 360) + 360) % 360) - 180;
}

function dms(degrees: number, minutes: number, seconds: number): number {
  return degrees + minutes / 60 + seconds / 3600;
}

describe("geodesicInverse", () => {
  it.each(geographicLibCases)("matches GeographicLib case from (%f, %f)", (lat1, lon1, azi1, lat2, lon2, azi2, s12M) => {
    const result = geodesicInverse([lon1, lat1], [lon2, lat2]);

    // 1e-7 km is 0.1 mm. GeodSolve(1) gives GeographicLib's accuracy as about 15 nm.
    expect(Math.abs(result.distanceKm - s12M / 1000)).toBeLessThan(1e-7);
    expect(Math.abs(wrapDeg(result.initialAzimuthDeg - azi1))).toBeLessThan(1e-9);
    expect(Math.abs(wrapDeg(result.finalAzimuthDeg - azi2))).toBeLessThan(1e-9);
  });

  it("matches the README Wellington to Salamanca distance", () => {
    // README prints 19959679.267 m for (41.32S, 174.81E) to (40.96N, 5.50W).
    const distanceKm = geodesicDistanceKm([174.81, -41.32], [-5.5, 40.96]);

    expect(Math.abs(distanceKm - 19959.679267)).toBeLessThan(0.5e-6);
  });

  it("matches GeodSolve JFK to Singapore Changi", () => {
    // GeodSolve -i -: -p 0 prints 003:18:29.9 177:29:09.2 15347628 for
    // 40:38:23N 073:46:44W to 01:21:33N 103:59:22E (rounded to 0.1" and 1 m).
    const result = geodesicInverse(jfkLonLat, changiLonLat);

    expect(Math.abs(result.distanceKm - 15347.628)).toBeLessThanOrEqual(0.0005);
    expect(Math.abs(result.initialAzimuthDeg - dms(3, 18, 29.9))).toBeLessThanOrEqual(0.05 / 3600);
    expect(Math.abs(result.finalAzimuthDeg - dms(177, 29, 9.2))).toBeLessThanOrEqual(0.05 / 3600);
  });

  it("rejects a latitude beyond 90 degrees", () => {
    expect(() => geodesicInverse([0, 91], [0, 0])).toThrow(/fromLonLat: invalid \[lon, lat\] \[0,91\]/);
    expect(() => geodesicInverse([0, 0], [Number.NaN, 0])).toThrow(/toLonLat: invalid/);
  });
});

const jfkLonLat: LonLat = [-dms(73, 46, 44), dms(40, 38, 23)];
const changiLonLat: LonLat = [dms(103, 59, 22), dms(1, 21, 33)];

describe("destinationPoint", () => {
  it.each(geographicLibCases)("matches GeographicLib case from (%f, %f)", (lat1, lon1, azi1, lat2, lon2, _azi2, s12M) => {
    const [lonDeg, latDeg] = destinationPoint([lon1, lat1], azi1, s12M / 1000);

    expect(Math.abs(latDeg - lat2)).toBeLessThan(1e-9);
    expect(Math.abs(wrapDeg(lonDeg - lon2))).toBeLessThan(1e-9);
  });

  it("matches the README point south-west of Perth", () => {
    // README prints (32.11195529, -63.95925278) for 20000 km on azimuth 225 from (32.06S, 115.74E).
    const [lonDeg, latDeg] = destinationPoint([115.74, -32.06], 225, 20000);

    expect(latDeg).toBeCloseTo(32.11195529, 8);
    expect(lonDeg).toBeCloseTo(-63.95925278, 8);
  });

  // GeodSolve -I prints these waypoints at tenths of the JFK to Changi geodesic,
  // as lat lon rounded to 0.1", about 3 m.
  const waypoints: ReadonlyArray<readonly [number, LonLat]> = [
    [0.1, [-dms(72, 25, 39.6), dms(54, 24, 51.3)]],
    [0.3, [-dms(58, 37, 53.9), dms(81, 38, 0.4)]],
    [0.4, [dms(80, 37, 16.9), dms(83, 43, 26.0)]],
    [0.5, [dms(97, 1, 29.4), dms(70, 20, 29.2)]],
    [0.9, [dms(103, 22, 8.0), dms(15, 13, 18.6)]],
  ];

  it.each(waypoints)("matches GeodSolve waypoint at fraction %f", (fraction, expectedLonLat) => {
    const route = geodesicInverse(jfkLonLat, changiLonLat);
    const waypoint = destinationPoint(jfkLonLat, route.initialAzimuthDeg, fraction * route.distanceKm);

    // 10 m, allowing for the 0.1" rounding of the printed values.
    expect(geodesicDistanceKm(waypoint, expectedLonLat)).toBeLessThan(0.01);
  });
});

describe("Vincenty 1975 test lines", () => {
  const bessel1841: Ellipsoid = { equatorialRadiusM: 6377397.155, flattening: 1 / 299.1528128 };
  const international1924: Ellipsoid = { equatorialRadiusM: 6378388, flattening: 1 / 297 };

  // Table II: ellipsoid, phi1, phi2, L (lon2 - lon1), alpha1, alpha2, s (m).
  const lines = [
    ["a", bessel1841, dms(55, 45, 0), -dms(33, 26, 0), dms(108, 13, 0), dms(96, 36, 8.7996), dms(137, 52, 22.01454), 14110526.17],
    ["b", international1924, dms(37, 19, 54.95367), dms(26, 7, 42.83946), dms(41, 28, 35.50729), dms(95, 27, 59.63089), dms(118, 5, 58.96161), 4085966.703],
    ["c", international1924, dms(35, 16, 11.24862), dms(67, 22, 14.77638), dms(137, 47, 28.31435), dms(15, 44, 23.7485), dms(144, 55, 39.92147), 8084823.839],
    ["d", international1924, dms(1, 0, 0), -dms(0, 59, 53.83076), dms(179, 17, 48.02997), dms(89, 0, 0), dms(91, 0, 6.11733), 19960000],
    ["e", international1924, dms(1, 0, 0), dms(1, 1, 15.18952), dms(179, 46, 17.84244), dms(4, 59, 59.99995), dms(174, 59, 59.88481), 19780006.558],
  ] as const;

  it.each(lines)("solves line (%s) inverse", (_name, ellipsoid, lat1, lat2, lonDelta, azi1, azi2, sM) => {
    const result = geodesicInverse([0, lat1], [lonDelta, lat2], ellipsoid);

    // The table gives s to 1 mm and azimuths to 0.00001"; measured gaps are
    // at most 0.8 mm and 0.0011" (line d, nearly antipodal).
    expect(Math.abs(result.distanceKm * 1000 - sM)).toBeLessThan(1e-3);
    expect(Math.abs(result.initialAzimuthDeg - azi1) * 3600).toBeLessThan(0.002);
    expect(Math.abs(result.finalAzimuthDeg - azi2) * 3600).toBeLessThan(0.002);
  });

  it.each(lines)("solves line (%s) direct", (_name, ellipsoid, lat1, lat2, lonDelta, azi1, _azi2, sM) => {
    const [lonDeg, latDeg] = destinationPoint([0, lat1], azi1, sM / 1000, ellipsoid);

    // 0.0001" is about 3 mm on the ground.
    expect(Math.abs(latDeg - lat2) * 3600).toBeLessThan(1e-4);
    expect(Math.abs(lonDeg - lonDelta) * 3600).toBeLessThan(1e-4);
  });
});

describe("airport distances", () => {
  it("matches the Great Circle Mapper LAX to JFK distance", () => {
    // gcmap.com FAQ "Great Circle Calculations" (Karl L. Swartz): the Great
    // Circle Mapper gives LAX-JFK as 2151 nm on WGS-84 from FAA coordinates.
    // The Aviation Formulary (Ed Williams) coordinates used here are rounded
    // to 1': LAX 33deg57'N 118deg24'W, JFK 40deg38'N 73deg47'W, which moves the
    // result by about 1 nm, inside the 0.1 % tolerance.
    const distanceNm = geodesicDistanceKm([-dms(118, 24, 0), dms(33, 57, 0)], [-dms(73, 47, 0), dms(40, 38, 0)]) / 1.852;

    expect(Math.abs(distanceNm - 2151) / 2151).toBeLessThan(0.001);
  });

  it("matches the GeodSolve JFK to Changi distance within 0.1 %", () => {
    const distanceKm = geodesicDistanceKm(jfkLonLat, changiLonLat);

    expect(Math.abs(distanceKm - 15347.628) / 15347.628).toBeLessThan(0.001);
  });

  // Distances from the Linhe seat point [107.358379, 40.749768], computed on a
  // sphere by another tool and rounded to 1 km. A sphere can differ from the
  // geodesic by up to about 0.5 %, and the rounding by 0.5 km, so the
  // tolerance is 0.5 % + 0.5 km. ZBYZ needs the rounding term: 37.76 km is
  // 0.64 % below the rounded 38 km.
  const linheLonLat: LonLat = [107.358379, 40.749768];
  const bayannurChecks: ReadonlyArray<readonly [string, LonLat, number]> = [
    ["ZBYZ Bayannur Tianjitai", [107.74093, 40.926358], 38],
    ["ZBUH Wuhai", [106.7993, 39.7934], 116],
    ["ZBOW Baotou Donghe", [109.997002, 40.560001], 224],
    ["ZBAL Alxa Left Banner Bayanhot", [105.58858, 38.74831], 269],
  ];

  it.each(bayannurChecks)("matches Linhe to %s", (_name, airportLonLat, expectedKm) => {
    const distanceKm = geodesicDistanceKm(linheLonLat, airportLonLat);

    expect(Math.abs(distanceKm - expectedKm)).toBeLessThan(0.005 * expectedKm + 0.5);
  });
});
