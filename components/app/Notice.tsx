"use client";
// Where lib/store/notice.ts messages appear.
import { useNotice } from "@/lib/store/notice";

export function Notice() {
  const text = useNotice((state) => state.text);
  return (
    <div role="alert" className={text ? "notice" : "notice notice-empty"}>
      {text}
    </div>
  );
}
