-- Hand-written: objects Prisma's schema language cannot express. Every index here is named
-- manual_* so that `npm run migration:new` never drops it (scripts/migration-new.ts).

-- Trigram operator classes for the fuzzy title and content search indexes below.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Fractional-index keys must sort bytewise, not by the database locale's collation.
ALTER TABLE "Block" ALTER COLUMN "order" TYPE TEXT COLLATE "C";

-- Fuzzy, case-insensitive page-title search (autocomplete for [[links]] and the search box).
CREATE INDEX "manual_page_title_trgm" ON "Page" USING gin (lower("title") gin_trgm_ops);

-- Case-insensitive exact title lookup within a graph (titles themselves stay case-sensitive).
CREATE INDEX "manual_page_title_lower" ON "Page" ("graphId", lower("title"));

-- Full-text-ish substring search over block content.
CREATE INDEX "manual_block_content_trgm" ON "Block" USING gin ("content" gin_trgm_ops);

-- A parent's children in sibling order, straight from the index.
CREATE INDEX "manual_block_page_parent_order" ON "Block" ("pageId", "parentId", "order");

-- The daily-notes feed: a graph's daily pages, newest first, skipping ordinary pages.
CREATE INDEX "manual_page_daily" ON "Page" ("graphId", "dailyDate" DESC) WHERE "dailyDate" IS NOT NULL;
