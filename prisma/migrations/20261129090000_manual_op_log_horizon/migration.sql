-- Hand-written: how far each graph's op log has been pruned (the newest seq deleted from it).
-- A live-update stream asked to resume after a seq below this cannot replay what followed: it
-- tells the tab to reload its pages instead (lib/server/events.ts). A trigger keeps it, so any
-- delete of log rows (pruning after 24 h, or by hand) moves the horizon; rows of a graph being
-- deleted are left out (its horizon row goes with it).
CREATE TABLE "manual_op_log_horizon" (
    "graphId" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    CONSTRAINT "manual_op_log_horizon_pkey" PRIMARY KEY ("graphId"),
    CONSTRAINT "manual_op_log_horizon_graph_fkey" FOREIGN KEY ("graphId") REFERENCES "Graph"("id") ON DELETE CASCADE
);

CREATE FUNCTION "manual_op_log_horizon"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "manual_op_log_horizon" ("graphId", "seq")
    SELECT d."graphId", max(d."seq") FROM deleted d
    WHERE EXISTS (SELECT 1 FROM "Graph" g WHERE g."id" = d."graphId")
    GROUP BY d."graphId"
    ON CONFLICT ("graphId") DO UPDATE SET "seq" = greatest("manual_op_log_horizon"."seq", excluded."seq");
    RETURN NULL;
END
$$;

CREATE TRIGGER "manual_op_log_horizon" AFTER DELETE ON "OpLog"
    REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION "manual_op_log_horizon"();
