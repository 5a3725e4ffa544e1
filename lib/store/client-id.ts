// This tab's id: sent with every batch, so live updates can tell the tab its own changes.
import { nanoid } from "nanoid";

export const clientId = nanoid(16);
