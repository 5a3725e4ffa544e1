-- CreateEnum
CREATE TYPE "PageChangeKind" AS ENUM ('rename', 'merge', 'delete');

-- CreateTable
CREATE TABLE "PageChange" (
    "id" TEXT NOT NULL,
    "graphId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" "PageChangeKind" NOT NULL,
    "title" TEXT NOT NULL,
    "newTitle" TEXT,
    "blockCount" INTEGER NOT NULL,
    "pageCount" INTEGER NOT NULL,
    "undo" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "undoneAt" TIMESTAMP(3),

    CONSTRAINT "PageChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PageChange_graphId_createdAt_idx" ON "PageChange"("graphId", "createdAt");

-- AddForeignKey
ALTER TABLE "PageChange" ADD CONSTRAINT "PageChange_graphId_fkey" FOREIGN KEY ("graphId") REFERENCES "Graph"("id") ON DELETE CASCADE ON UPDATE CASCADE;
