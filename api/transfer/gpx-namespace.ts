// The namespace of our GPX <extensions> elements, which carry the asset
// properties that GPX has no element for (surface, sizeM, city...). Export
// writes it and import reads it, so a GPX file survives a round trip.
export const gpxNamespace = "urn:bayannur-air-rescue:gpx:1";
export const gpxPrefix = "byn";
export const gpxCoreNamespace = "http://www.topografix.com/GPX/1/1";
