"use client";
// Where lib/store/notice.ts messages appear.
import { useEffect } from "react";
import { notify, useNotice } from "@/lib/store/notice";
import { setKeptHandler, setRefusalHandler } from "@/lib/store/save-queue";

export function Notice() {
  const text = useNotice((state) => state.text);
  useEffect(() => setRefusalHandler((reason) => notify(`A change could not be saved and was left out: ${reason.replace(/ Nothing in this batch was saved\.$/, "")}`)), []);
  useEffect(
    () =>
      setKeptHandler((count) =>
        notify(count === 1 ? "A block you deleted was kept: it had just been changed in another tab." : `${count} blocks you deleted were kept: they had just been changed in another tab.`),
      ),
    [],
  );
  return (
    <div role="alert" className={text ? "notice" : "notice notice-empty"}>
      {text}
    </div>
  );
}
