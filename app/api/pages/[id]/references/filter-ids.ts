// The `include` and `exclude` query parameters of the references routes: comma-separated page ids.
import { z } from "zod";

const ids = z
  .string()
  .max(2_000)
  .optional()
  .transform((value) => (value ? value.split(",").filter(Boolean) : []));

export const filterIdsQuery = z.object({ include: ids, exclude: ids });
