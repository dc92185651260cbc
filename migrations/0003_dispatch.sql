CREATE TYPE "public"."alert_kind" AS ENUM('lost_contact', 'emergency_squawk', 'route_deviation', 'restricted_area', 'low_endurance', 'overdue');--> statement-breakpoint
CREATE TYPE "public"."alert_level" AS ENUM('warning', 'alarm', 'escalation', 'emergency');--> statement-breakpoint
CREATE TYPE "public"."incident_kind" AS ENUM('forest_fire', 'grassland_fire', 'flood', 'earthquake', 'medical_evacuation', 'search_and_rescue', 'hazardous_chemicals');--> statement-breakpoint
CREATE TYPE "public"."incident_status" AS ENUM('open', 'closed');--> statement-breakpoint
CREATE TYPE "public"."mission_status" AS ENUM('requested', 'dispatched', 'airborne', 'on_scene', 'returning', 'landed', 'closed', 'cancelled');--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "alerts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" "alert_kind" NOT NULL,
	"level" "alert_level" NOT NULL,
	"aircraft_id" integer NOT NULL,
	"icao_address" text,
	"mission_id" integer,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"level_changed_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" text,
	"cleared_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "incidents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" "incident_kind" NOT NULL,
	"priority" smallint NOT NULL,
	"status" "incident_status" DEFAULT 'open' NOT NULL,
	"reporter" text,
	"notes" text,
	"reported_at" timestamp with time zone NOT NULL,
	"location" geometry(Point, 4326) NOT NULL,
	"area" geometry(Polygon, 4326),
	"created_by" text NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incidents_priority_range" CHECK ("incidents"."priority" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE TABLE "mission_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "mission_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"mission_id" integer NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"from_status" "mission_status",
	"to_status" "mission_status" NOT NULL,
	"actor" text NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "missions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "missions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"incident_id" integer NOT NULL,
	"aircraft_id" integer NOT NULL,
	"patrol_route_id" integer,
	"status" "mission_status" NOT NULL,
	"estimated_eta_min" real,
	"target_min" real DEFAULT 120 NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"dispatched_at" timestamp with time zone,
	"airborne_at" timestamp with time zone,
	"on_scene_at" timestamp with time zone,
	"arrival_min" real,
	"landed_at" timestamp with time zone,
	"landed_base_id" integer,
	"ended_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "restricted_areas" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "restricted_areas_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name_zh" text NOT NULL,
	"name_en" text,
	"area" geometry(MultiPolygon, 4326) NOT NULL,
	"active_from" timestamp with time zone DEFAULT now() NOT NULL,
	"active_until" timestamp with time zone,
	"notes" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_aircraft_id_aircraft_id_fk" FOREIGN KEY ("aircraft_id") REFERENCES "public"."aircraft"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_mission_id_missions_id_fk" FOREIGN KEY ("mission_id") REFERENCES "public"."missions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mission_events" ADD CONSTRAINT "mission_events_mission_id_missions_id_fk" FOREIGN KEY ("mission_id") REFERENCES "public"."missions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "missions" ADD CONSTRAINT "missions_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "missions" ADD CONSTRAINT "missions_aircraft_id_aircraft_id_fk" FOREIGN KEY ("aircraft_id") REFERENCES "public"."aircraft"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "missions" ADD CONSTRAINT "missions_patrol_route_id_patrol_routes_id_fk" FOREIGN KEY ("patrol_route_id") REFERENCES "public"."patrol_routes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "missions" ADD CONSTRAINT "missions_landed_base_id_bases_id_fk" FOREIGN KEY ("landed_base_id") REFERENCES "public"."bases"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_open_aircraft_kind_key" ON "alerts" USING btree ("aircraft_id","kind") WHERE "alerts"."cleared_at" IS NULL;--> statement-breakpoint
CREATE INDEX "alerts_raised_at_idx" ON "alerts" USING btree ("raised_at");--> statement-breakpoint
CREATE INDEX "incidents_location_gist" ON "incidents" USING gist ("location");--> statement-breakpoint
CREATE INDEX "incidents_status_idx" ON "incidents" USING btree ("status");--> statement-breakpoint
CREATE INDEX "mission_events_mission_idx" ON "mission_events" USING btree ("mission_id","time");--> statement-breakpoint
CREATE UNIQUE INDEX "missions_active_aircraft_key" ON "missions" USING btree ("aircraft_id") WHERE "missions"."status" IN ('requested', 'dispatched', 'airborne', 'on_scene', 'returning');--> statement-breakpoint
CREATE INDEX "missions_incident_idx" ON "missions" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "missions_dispatched_at_idx" ON "missions" USING btree ("dispatched_at");--> statement-breakpoint
CREATE INDEX "restricted_areas_area_gist" ON "restricted_areas" USING gist ("area");