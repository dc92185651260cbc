-- PostGIS provides the geometry types, spatial (GiST) indexes and geodesic
-- functions that every later migration and query relies on.
CREATE EXTENSION IF NOT EXISTS postgis;
