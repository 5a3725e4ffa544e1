-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('previewed', 'applying', 'applied', 'failed', 'undone', 'expired');

-- AlterTable
ALTER TABLE "Block" ADD COLUMN     "importId" TEXT;

-- AlterTable
ALTER TABLE "Page" ADD COLUMN     "importId" TEXT;

-- CreateTable
CREATE TABLE "Import" (
    "id" TEXT NOT NULL,
    "graphId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "status" "ImportStatus" NOT NULL,
    "filePath" TEXT,
    "title" TEXT,
    "preview" JSONB,
    "progress" JSONB NOT NULL DEFAULT '{}',
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "appliedAt" TIMESTAMP(3),
    "undoneAt" TIMESTAMP(3),

    CONSTRAINT "Import_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Import_graphId_createdAt_idx" ON "Import"("graphId", "createdAt");

-- CreateIndex
CREATE INDEX "Block_importId_idx" ON "Block"("importId");

-- CreateIndex
CREATE INDEX "Page_importId_idx" ON "Page"("importId");

-- AddForeignKey
ALTER TABLE "Import" ADD CONSTRAINT "Import_graphId_fkey" FOREIGN KEY ("graphId") REFERENCES "Graph"("id") ON DELETE CASCADE ON UPDATE CASCADE;
