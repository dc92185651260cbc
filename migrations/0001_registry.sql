CREATE TYPE "public"."aircraft_category" AS ENUM('helicopter', 'fixed_wing', 'drone');--> statement-breakpoint
CREATE TYPE "public"."aircraft_status" AS ENUM('available', 'on_mission', 'maintenance', 'off_duty');--> statement-breakpoint
CREATE TYPE "public"."base_kind" AS ENUM('air_station', 'mobile_station', 'helipad', 'partner_base');--> statement-breakpoint
CREATE TYPE "public"."landing_surface" AS ENUM('concrete', 'asphalt', 'grass', 'gravel', 'dirt');--> statement-breakpoint
CREATE TYPE "public"."risk_area_kind" AS ENUM('forest', 'grassland', 'flood', 'seismic', 'hazardous_chemicals', 'mine');--> statement-breakpoint
CREATE TYPE "public"."token_role" AS ENUM('admin', 'planner', 'dispatcher', 'coordinator', 'viewer');--> statement-breakpoint
CREATE TYPE "public"."water_source_kind" AS ENUM('river', 'lake', 'reservoir', 'pond', 'tank');--> statement-breakpoint
CREATE TABLE "admin_areas" (
	"adcode" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text,
	"level" text NOT NULL,
	"role" text NOT NULL,
	"parent_adcode" text,
	"source" text,
	"area" geometry(MultiPolygon, 4326) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "aircraft" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "aircraft_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"registration" text NOT NULL,
	"icao_address" text,
	"callsign" text,
	"type_id" text NOT NULL,
	"home_base_id" integer,
	"status" "aircraft_status" DEFAULT 'available' NOT NULL,
	"operator" text,
	"city" text NOT NULL,
	"readiness_day_min" real,
	"readiness_night_min" real,
	"notes" text,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "aircraft_types" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_zh" text,
	"category" "aircraft_category" NOT NULL,
	"cruise_speed_kmh" real NOT NULL,
	"bucket_cruise_speed_kmh" real,
	"range_km" real NOT NULL,
	"endurance_min" real NOT NULL,
	"bucket_capacity_l" real,
	"seats" smallint DEFAULT 0 NOT NULL,
	"stretchers" smallint DEFAULT 0 NOT NULL,
	"hoist" boolean DEFAULT false NOT NULL,
	"night_capable" boolean DEFAULT false NOT NULL,
	"readiness_day_min" real NOT NULL,
	"readiness_night_min" real NOT NULL,
	"max_speed_kmh" real,
	"service_ceiling_m" real,
	"uncertain_fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"source" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "aircraft_types_speeds_positive" CHECK ("aircraft_types"."cruise_speed_kmh" > 0 AND "aircraft_types"."range_km" > 0 AND "aircraft_types"."endurance_min" > 0)
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "api_tokens_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"role" "token_role" NOT NULL,
	"city" text DEFAULT 'bayannur' NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "bases" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "bases_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text,
	"kind" "base_kind" NOT NULL,
	"city" text NOT NULL,
	"fuel_available" boolean DEFAULT false NOT NULL,
	"night_operations" boolean DEFAULT false NOT NULL,
	"elevation_m" real,
	"location" geometry(Point, 4326) NOT NULL,
	"notes" text,
	"synthetic" boolean DEFAULT false NOT NULL,
	"source" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "landing_points" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "landing_points_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name_zh" text NOT NULL,
	"name_en" text,
	"surface" "landing_surface" NOT NULL,
	"size_m" real NOT NULL,
	"night_capable" boolean DEFAULT false NOT NULL,
	"elevation_m" real,
	"city" text NOT NULL,
	"location" geometry(Point, 4326) NOT NULL,
	"notes" text,
	"synthetic" boolean DEFAULT false NOT NULL,
	"source" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patrol_routes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "patrol_routes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name_zh" text NOT NULL,
	"name_en" text,
	"corridor_width_km" real NOT NULL,
	"active_months" smallint[] DEFAULT '{}'::smallint[] NOT NULL,
	"home_base_id" integer,
	"path" geometry(LineString, 4326) NOT NULL,
	"notes" text,
	"synthetic" boolean DEFAULT false NOT NULL,
	"source" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "positions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "positions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"icao_address" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"location" geometry(Point, 4326) NOT NULL,
	"altitude_m" real,
	"ground_speed_kmh" real,
	"track_deg" real,
	"vertical_rate_mps" real,
	"squawk" text,
	"on_ground" boolean,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_areas" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "risk_areas_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name_zh" text NOT NULL,
	"name_en" text,
	"kind" "risk_area_kind" NOT NULL,
	"weight" real DEFAULT 1 NOT NULL,
	"area" geometry(MultiPolygon, 4326) NOT NULL,
	"notes" text,
	"synthetic" boolean DEFAULT false NOT NULL,
	"source" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "water_sources" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "water_sources_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name_zh" text NOT NULL,
	"name_en" text,
	"kind" "water_source_kind" NOT NULL,
	"bucket_usable" boolean DEFAULT true NOT NULL,
	"min_depth_m" real,
	"months_frozen" smallint[] DEFAULT '{}'::smallint[] NOT NULL,
	"city" text NOT NULL,
	"location" geometry(Point, 4326) NOT NULL,
	"notes" text,
	"synthetic" boolean DEFAULT false NOT NULL,
	"source" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "aircraft" ADD CONSTRAINT "aircraft_type_id_aircraft_types_id_fk" FOREIGN KEY ("type_id") REFERENCES "public"."aircraft_types"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aircraft" ADD CONSTRAINT "aircraft_home_base_id_bases_id_fk" FOREIGN KEY ("home_base_id") REFERENCES "public"."bases"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_routes" ADD CONSTRAINT "patrol_routes_home_base_id_bases_id_fk" FOREIGN KEY ("home_base_id") REFERENCES "public"."bases"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "admin_areas_area_gist" ON "admin_areas" USING gist ("area");--> statement-breakpoint
CREATE UNIQUE INDEX "aircraft_registration_key" ON "aircraft" USING btree ("registration");--> statement-breakpoint
CREATE UNIQUE INDEX "aircraft_icao_address_key" ON "aircraft" USING btree ("icao_address");--> statement-breakpoint
CREATE INDEX "aircraft_home_base_idx" ON "aircraft" USING btree ("home_base_id");--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "bases_code_key" ON "bases" USING btree ("code");--> statement-breakpoint
CREATE INDEX "bases_location_gist" ON "bases" USING gist ("location");--> statement-breakpoint
CREATE INDEX "landing_points_location_gist" ON "landing_points" USING gist ("location");--> statement-breakpoint
CREATE INDEX "patrol_routes_path_gist" ON "patrol_routes" USING gist ("path");--> statement-breakpoint
CREATE INDEX "positions_icao_time_idx" ON "positions" USING btree ("icao_address","time");--> statement-breakpoint
CREATE INDEX "positions_time_brin" ON "positions" USING brin ("time");--> statement-breakpoint
CREATE INDEX "positions_location_gist" ON "positions" USING gist ("location");--> statement-breakpoint
CREATE INDEX "risk_areas_area_gist" ON "risk_areas" USING gist ("area");--> statement-breakpoint
CREATE INDEX "water_sources_location_gist" ON "water_sources" USING gist ("location");