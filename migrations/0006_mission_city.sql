-- Missions made before this column belonged to the city of their aircraft's
-- owner, since partner aircraft could be dispatched only on loan.
ALTER TABLE "missions" ADD COLUMN "city" text;--> statement-breakpoint
UPDATE "missions" AS m SET "city" = a."city" FROM "aircraft" AS a WHERE a."id" = m."aircraft_id";--> statement-breakpoint
ALTER TABLE "missions" ALTER COLUMN "city" SET NOT NULL;
