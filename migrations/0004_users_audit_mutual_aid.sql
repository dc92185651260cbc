CREATE TYPE "public"."mutual_aid_status" AS ENUM('requested', 'approved', 'declined', 'cancelled', 'returned');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('admin', 'planner', 'dispatcher', 'coordinator', 'viewer', 'feed');--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"actor_name" text NOT NULL,
	"actor_role" "user_role",
	"action" text NOT NULL,
	"object_kind" text NOT NULL,
	"object_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"request_id" text,
	CONSTRAINT "audit_log_action_format" CHECK ("audit_log"."action" ~ '^[a-z][a-z_]*$')
);
--> statement-breakpoint
CREATE TABLE "cities" (
	"code" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"home" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mutual_aid_requests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "mutual_aid_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"status" "mutual_aid_status" DEFAULT 'requested' NOT NULL,
	"requesting_city" text NOT NULL,
	"lending_city" text NOT NULL,
	"aircraft_id" integer,
	"category" text,
	"capabilities" text[] DEFAULT '{}'::text[] NOT NULL,
	"incident_id" integer,
	"notes" text,
	"decline_reason" text,
	"requested_by" text NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"returned_by" text,
	"returned_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mutual_aid_requests_other_city" CHECK ("mutual_aid_requests"."requesting_city" <> "mutual_aid_requests"."lending_city"),
	CONSTRAINT "mutual_aid_requests_target" CHECK ("mutual_aid_requests"."aircraft_id" IS NOT NULL OR "mutual_aid_requests"."category" IS NOT NULL),
	CONSTRAINT "mutual_aid_requests_category" CHECK ("mutual_aid_requests"."category" IN ('helicopter', 'fixed_wing', 'drone'))
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sessions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"user_id" integer NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"client_address" text
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"role" "user_role" NOT NULL,
	"city" text NOT NULL,
	"password_hash" text NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mutual_aid_requests" ADD CONSTRAINT "mutual_aid_requests_requesting_city_cities_code_fk" FOREIGN KEY ("requesting_city") REFERENCES "public"."cities"("code") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mutual_aid_requests" ADD CONSTRAINT "mutual_aid_requests_lending_city_cities_code_fk" FOREIGN KEY ("lending_city") REFERENCES "public"."cities"("code") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mutual_aid_requests" ADD CONSTRAINT "mutual_aid_requests_aircraft_id_aircraft_id_fk" FOREIGN KEY ("aircraft_id") REFERENCES "public"."aircraft"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mutual_aid_requests" ADD CONSTRAINT "mutual_aid_requests_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_city_cities_code_fk" FOREIGN KEY ("city") REFERENCES "public"."cities"("code") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_object_idx" ON "audit_log" USING btree ("object_kind","object_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor","at");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "cities_one_home_key" ON "cities" USING btree ("home") WHERE "cities"."home";--> statement-breakpoint
CREATE UNIQUE INDEX "mutual_aid_active_loan_key" ON "mutual_aid_requests" USING btree ("aircraft_id") WHERE "mutual_aid_requests"."status" = 'approved';--> statement-breakpoint
CREATE INDEX "mutual_aid_requests_status_idx" ON "mutual_aid_requests" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_token_hash_key" ON "sessions" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_key" ON "users" USING btree ("username");--> statement-breakpoint
-- The home city and its partners; admins add or deactivate partners through /api/v1/cities.
INSERT INTO "cities" ("code", "name_zh", "name_en", "home") VALUES
	('bayannur', '巴彦淖尔市', 'Bayannur', true),
	('baotou', '包头市', 'Baotou', false),
	('ordos', '鄂尔多斯市', 'Ordos', false),
	('wuhai', '乌海市', 'Wuhai', false),
	('alxa', '阿拉善盟', 'Alxa League', false);
