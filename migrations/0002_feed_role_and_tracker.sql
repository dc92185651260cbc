ALTER TYPE "public"."token_role" ADD VALUE 'feed';--> statement-breakpoint
ALTER TABLE "aircraft" ADD COLUMN "tracker_id" text;--> statement-breakpoint
CREATE UNIQUE INDEX "aircraft_tracker_id_key" ON "aircraft" USING btree ("tracker_id");