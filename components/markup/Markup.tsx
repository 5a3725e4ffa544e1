"use client";
// Renders a block's markup from lib/markup's parse tree: links, tags, aliases, URLs, images,
// block references and embeds, TODO boxes, mood sliders, styles, code and math.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Fragment, useMemo, type MouseEvent, type ReactNode } from "react";
import type { BlockNode as MarkupRoot, MarkupNode } from "@/lib/markup/ast";
import { parse } from "@/lib/markup/parse";
import { sliderValue } from "@/lib/outline/props";
import type { BlockProps } from "@/lib/outline/tree";
import { useViewer } from "../app/Viewer";
import { MoodSlider } from "../widgets/MoodSlider";
import { TodoCheckbox } from "../widgets/TodoCheckbox";
import { BlockEmbed, BlockRefView, PageEmbed } from "./BlockRefView";
import { MathView } from "./MathView";
import { pageHref, safeHref } from "./safe-href";

/** What a rendered block can do: absent in read-only places (references, embeds). */
export type BlockWidgets = {
  toggleTodo(start: number): void;
  setSlider(index: number, value: number): void;
};

type Context = {
  props: BlockProps;
  userId: string;
  widgets?: BlockWidgets;
  /** How many references deep this rendering is (a block that refers to itself stops). */
  depth: number;
  sliders: { next: number };
  inLink: boolean;
  source: string;
};

export const MAX_REF_DEPTH = 3;

export function isDone(root: MarkupRoot): boolean {
  const first = root.children.find((node) => !(node.type === "text" && node.text.trim() === ""));
  return first?.type === "todo" && first.state === "DONE";
}

export function Markup(props: { text: string; blockProps: BlockProps; widgets?: BlockWidgets; depth?: number }) {
  const { userId } = useViewer();
  const root = useMemo(() => parse(props.text), [props.text]);
  const context: Context = { props: props.blockProps, userId, widgets: props.widgets, depth: props.depth ?? 0, sliders: { next: 0 }, inLink: false, source: props.text };
  return <>{renderAll(root.children, context)}</>;
}

function renderAll(nodes: readonly MarkupNode[], context: Context): ReactNode {
  return nodes.map((node, index) => <Fragment key={`${node.start}-${index}`}>{render(node, context)}</Fragment>);
}

function InnerLink({ title, children }: { title: string; children: ReactNode }) {
  const router = useRouter();
  const go = (event: MouseEvent) => {
    event.preventDefault();
    event.stopPropagation();
    router.push(pageHref(title));
  };
  return (
    <span className="page-link page-link-inner" role="link" tabIndex={0} data-title={title} onClick={go} onKeyDown={(event) => event.key === "Enter" && router.push(pageHref(title))}>
      {children}
    </span>
  );
}

function render(node: MarkupNode, context: Context): ReactNode {
  switch (node.type) {
    case "text":
      return node.text;
    case "pageLink": {
      const inner = (
        <>
          <span className="brackets">[[</span>
          {renderAll(node.children, { ...context, inLink: true })}
          <span className="brackets">]]</span>
        </>
      );
      if (context.inLink) return <InnerLink title={node.title}>{inner}</InnerLink>;
      return (
        <Link className="page-link" href={pageHref(node.title)} data-title={node.title}>
          {inner}
        </Link>
      );
    }
    case "tag":
      if (context.inLink) return <InnerLink title={node.title}>#{node.title}</InnerLink>;
      return (
        <Link className="tag" href={pageHref(node.title)} data-title={node.title}>
          #{node.title}
        </Link>
      );
    case "alias": {
      const label = renderAll(node.children, { ...context, inLink: true });
      const target = node.target;
      if (target.type === "pageLink") {
        return context.inLink ? (
          <InnerLink title={target.title}>{label}</InnerLink>
        ) : (
          <Link className="alias" href={pageHref(target.title)} data-title={target.title}>
            {label}
          </Link>
        );
      }
      if (target.type === "blockRef") return <span className="alias alias-block" title={`((${target.uid}))`}>{label}</span>;
      const href = safeHref(target.url);
      // A javascript:, data: or other target is not followed: the source shows as plain text.
      if (!href) return context.source.slice(node.start, node.end);
      if (context.inLink) return label;
      return (
        <a className="alias external" href={href} target="_blank" rel="noopener noreferrer">
          {label}
        </a>
      );
    }
    case "url": {
      const href = safeHref(node.url);
      if (!href || context.inLink) return node.url;
      return (
        <a className="external" href={href} target="_blank" rel="noopener noreferrer">
          {node.url}
        </a>
      );
    }
    case "image": {
      const src = safeHref(node.url);
      if (!src || src.startsWith("mailto:")) return `![${node.alt}](${node.url})`;
      // eslint-disable-next-line @next/next/no-img-element -- user images from anywhere; next/image needs known hosts
      return <img className="inline-image" src={src} alt={node.alt} loading="lazy" referrerPolicy="no-referrer" />;
    }
    case "blockRef":
      return <BlockRefView uid={node.uid} depth={context.depth} />;
    case "embed":
      return node.target.type === "blockRef" ? (
        <BlockEmbed uid={node.target.uid} depth={context.depth} />
      ) : (
        <PageEmbed title={node.target.title} depth={context.depth} />
      );
    case "todo": {
      const widgets = context.widgets;
      return <TodoCheckbox done={node.state === "DONE"} onToggle={widgets && (() => widgets.toggleTodo(node.start))} />;
    }
    case "slider": {
      const index = context.sliders.next++;
      const widgets = context.widgets;
      return (
        <MoodSlider
          value={sliderValue(context.props, index, context.userId)}
          label={index === 0 ? "Mood" : `Mood ${index + 1}`}
          onChange={widgets && ((value) => widgets.setSlider(index, value))}
        />
      );
    }
    case "component":
      return (
        <span className="component" data-component={node.name}>
          {context.source.slice(node.start, node.end)}
        </span>
      );
    case "bold":
      return <strong>{renderAll(node.children, context)}</strong>;
    case "italic":
      return <em>{renderAll(node.children, context)}</em>;
    case "highlight":
      return <mark>{renderAll(node.children, context)}</mark>;
    case "strike":
      return <del>{renderAll(node.children, context)}</del>;
    case "code":
      return <code className="inline-code">{node.code}</code>;
    case "codeBlock":
      return (
        <pre className="code-block" data-lang={node.lang || undefined}>
          <code>{node.body}</code>
        </pre>
      );
    case "math":
      return <MathView tex={node.tex} />;
    case "attribute":
      return (
        <>
          <Link className="attribute-key" href={pageHref(node.key)} data-title={node.key}>
            {node.key}:
          </Link>
          {renderAll(node.children, context)}
        </>
      );
    case "quote":
      return <blockquote className="quote">{renderAll(node.children, context)}</blockquote>;
    case "block":
      return renderAll(node.children, context);
  }
}
