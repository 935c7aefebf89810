// The report: Markdown rendered with marked, sanitized with DOMPurify into a DOM fragment (never a
// string given to innerHTML), then finished on the sanitized DOM: citations link to the numbered
// Sources list, links that are not http(s) become plain text, external links open apart.

/** Elements a report never needs, dropped with their content (on top of DOMPurify's defaults). */
const FORBIDDEN_TAGS = [
  "style", "img", "picture", "source", "video", "audio", "track", "iframe", "frame", "frameset", "object",
  "embed", "form", "input", "button", "select", "option", "textarea", "label", "fieldset", "link", "meta",
  "base", "dialog", "template", "slot", "svg", "math", "canvas", "map", "area", "noscript",
];

/** Attributes a report never carries: styling, names that could shadow the page's own ids, targets it gets here. */
const FORBIDDEN_ATTRIBUTES = ["style", "id", "name", "class", "target", "rel", "srcset", "action", "formaction", "ping", "download"];

const CITATION = /^\[(\d{1,4})\](?!\()/;

let renderer = null;

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

/**
 * A marked instance that reads an unescaped "[n]" (not a link's text) as a citation. Escaped
 * brackets (\[n\]: text quoted from a source) stay text, so only the report's own citations link.
 */
function markdownRenderer() {
  if (renderer) return renderer;
  const { Marked } = globalThis.marked;
  renderer = new Marked({ gfm: true, breaks: false, async: false });
  renderer.use({
    // Markup written into the Markdown is shown as the text it is, and an image as its description:
    // a report needs neither, and markup never reaches even the sanitizer's inert parse.
    renderer: {
      html(token) {
        const text = escapeHtml(token.text ?? token.raw ?? "");
        return token.block ? `<p>${text.trim()}</p>\n` : text;
      },
      image(token) {
        return escapeHtml(token.text ?? "");
      },
    },
    extensions: [{
      name: "citation",
      level: "inline",
      start(source) {
        const index = source.search(/\[\d{1,4}\](?!\()/);
        return index < 0 ? undefined : index;
      },
      tokenizer(source) {
        const match = CITATION.exec(source);
        if (match) return { type: "citation", raw: match[0], number: match[1] };
        return undefined;
      },
      renderer(token) {
        return `<a data-citation="${Number(token.number)}">[${Number(token.number)}]</a>`;
      },
    }],
  });
  return renderer;
}

/** True when the libraries the report needs are loaded (lib/marked.umd.js, lib/purify.min.js). */
export function reportRenderingAvailable() {
  return typeof globalThis.marked?.Marked === "function" && typeof globalThis.DOMPurify?.sanitize === "function";
}

/** The absolute http(s) URL that `href` is, or null (relative paths, fragments, javascript:, data:, mailto: …). */
export function httpUrl(href) {
  if (typeof href !== "string" || href.trim() === "") return null;
  try {
    const url = new URL(href.trim());
    return url.protocol === "http:" || url.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

function decodeLocation(href) {
  try {
    return decodeURI(href);
  } catch {
    return href;
  }
}

/** Renders the report's Markdown as a sanitized, finished DocumentFragment. */
export function renderReport(markdown) {
  const html = markdownRenderer().parse(markdown);
  const fragment = globalThis.DOMPurify.sanitize(html, {
    RETURN_DOM_FRAGMENT: true,
    USE_PROFILES: { html: true },
    FORBID_TAGS: FORBIDDEN_TAGS,
    FORBID_ATTR: FORBIDDEN_ATTRIBUTES,
    ALLOW_DATA_ATTR: false,
    ADD_ATTR: ["data-citation"],
    ALLOW_UNKNOWN_PROTOCOLS: false,
  });
  finish(fragment);
  return fragment;
}

/** The numbered list under the last "Sources" heading, or null. */
function sourcesList(root) {
  const headings = Array.from(root.querySelectorAll("h1, h2, h3, h4, h5, h6"))
    .filter(heading => heading.textContent.trim().toLowerCase() === "sources");
  for (const heading of headings.reverse()) {
    let next = heading.nextElementSibling;
    while (next && !/^H[1-6]$/.test(next.tagName)) {
      if (next.tagName === "OL" || next.tagName === "UL") return next;
      next = next.nextElementSibling;
    }
  }
  return null;
}

function replaceWithText(element, text) {
  element.replaceWith(element.ownerDocument.createTextNode(text));
}

/** Post-processing of the sanitized DOM; everything set here is set as attributes or text, never as markup. */
function finish(root) {
  const document = root.ownerDocument;
  const list = sourcesList(root);
  const numbers = new Set();
  if (list) {
    list.classList.add("report-sources");
    const first = list.tagName === "OL" && Number.isSafeInteger(list.start) ? list.start : 1;
    Array.from(list.children).filter(child => child.tagName === "LI").forEach((item, index) => {
      const number = first + index;
      item.id = `source-${number}`;
      numbers.add(number);
    });
  }

  for (const link of Array.from(root.querySelectorAll("a"))) {
    if (link.hasAttribute("data-citation")) {
      const number = Number(link.getAttribute("data-citation"));
      if (numbers.has(number) && !(list && list.contains(link))) {
        link.setAttribute("href", `#source-${number}`);
        link.className = "citation";
        link.setAttribute("aria-label", `Source ${number}`);
      } else {
        replaceWithText(link, `[${link.getAttribute("data-citation")}]`);
      }
      continue;
    }
    const href = link.getAttribute("href");
    const url = httpUrl(href);
    if (url) {
      link.setAttribute("href", url.href);
      link.setAttribute("target", "_blank");
      link.setAttribute("rel", "noopener noreferrer");
      link.className = "external";
      continue;
    }
    // Not an http(s) link (a document path, javascript:, mailto: …): its text, and for a source its location.
    const inSources = list && list.contains(link);
    const text = document.createElement("span");
    text.className = inSources ? "source-title" : "link-text";
    text.textContent = link.textContent;
    link.replaceWith(text);
    if (inSources && href && href.trim()) {
      const location = document.createElement("span");
      location.className = "source-location";
      location.textContent = decodeLocation(href.trim());
      text.after(document.createTextNode(" "), location);
    }
  }
}

/** A file name for the report of `question`: its words, lower-case, hyphenated, at most 60 characters. */
export function reportFileName(question) {
  const slug = String(question ?? "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return `${slug || "research-report"}.md`;
}
