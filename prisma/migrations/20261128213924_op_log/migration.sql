-- CreateTable
CREATE TABLE "OpLog" (
    "seq" BIGSERIAL NOT NULL,
    "graphId" TEXT NOT NULL,
    "pageId" TEXT NOT NULL,
    "clientId" TEXT,
    "ops" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OpLog_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE INDEX "OpLog_graphId_seq_idx" ON "OpLog"("graphId", "seq");

-- CreateIndex
CREATE INDEX "OpLog_createdAt_idx" ON "OpLog"("createdAt");

-- AddForeignKey
ALTER TABLE "OpLog" ADD CONSTRAINT "OpLog_graphId_fkey" FOREIGN KEY ("graphId") REFERENCES "Graph"("id") ON DELETE CASCADE ON UPDATE CASCADE;
