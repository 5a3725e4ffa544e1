import type { NextRequest } from "next/server";
import { handlers } from "@/lib/server/auth";
import { timed } from "@/lib/server/http";

export const GET = timed((request: NextRequest) => handlers.GET(request));
export const POST = timed((request: NextRequest) => handlers.POST(request));
