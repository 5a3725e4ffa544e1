-- AlterTable
ALTER TABLE "Page" ADD COLUMN     "props" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "uid" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Page_graphId_uid_key" ON "Page"("graphId", "uid");
