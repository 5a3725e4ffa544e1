-- CreateTable
CREATE TABLE "DeletedBlock" (
    "graphId" TEXT NOT NULL,
    "uid" TEXT NOT NULL,
    "pageId" TEXT NOT NULL,
    "parentUid" TEXT,
    "order" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "props" JSONB NOT NULL DEFAULT '{}',
    "batchId" TEXT NOT NULL,
    "deletedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeletedBlock_pkey" PRIMARY KEY ("graphId","uid")
);

-- CreateIndex
CREATE INDEX "DeletedBlock_deletedAt_idx" ON "DeletedBlock"("deletedAt");

-- AddForeignKey
ALTER TABLE "DeletedBlock" ADD CONSTRAINT "DeletedBlock_graphId_fkey" FOREIGN KEY ("graphId") REFERENCES "Graph"("id") ON DELETE CASCADE ON UPDATE CASCADE;
