// Arrange Sphinx's single-page book for print (called by pdf/book_pdf.py before printing):
// a title page, a table of contents, each chapter after the landing page, and no link that
// would lead out of the PDF to the local build.
({ title, edition, parts }) => {
  const article = document.querySelector("article.bd-article");
  const landing = article.querySelector(":scope > section");

  // Sphinx inlines the chapters where the landing page lists them; move them after it, in order.
  const anchors = [...landing.querySelectorAll(".toctree-wrapper > span[id^='document-']")];
  const listing = anchors[0].closest("section");
  for (const anchor of anchors) {
    const chapter = anchor.nextElementSibling;
    chapter.classList.add("book-chapter");
    chapter.prepend(anchor); // the chapter's anchor, on its first page
    article.append(chapter);
  }
  listing.remove(); // "The chapters": its list is the table of contents now

  // Links between the book's pages become links inside the PDF; links into the local build go.
  for (const link of article.querySelectorAll("a[href]")) {
    const href = link.getAttribute("href");
    if (href.startsWith("notebooks/index.html#")) link.setAttribute("href", href.slice(href.indexOf("#")));
    else if (!/^(#|https?:|mailto:)/.test(href)) link.removeAttribute("href");
  }

  const make = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  };

  const cover = make("section", "book-title-page");
  cover.append(make("h1", "", title), landing.querySelector(":scope > p").cloneNode(true),
               landing.querySelector(":scope > blockquote").cloneNode(true));
  for (const line of edition) cover.append(make("p", "book-edition", line));

  const contents = make("nav", "book-contents");
  contents.append(make("h2", "", "Contents"));
  const entries = [];
  const entry = (list, target, doc) => {
    const heading = target.closest("section").querySelector("h1, h2, h3");
    const text = heading.cloneNode(true);
    text.querySelector(".headerlink")?.remove();
    const link = make("a");
    link.href = "#" + target.id;
    link.append(make("span", "book-contents-title", text.textContent.trim()),
                make("span", "book-contents-page"));
    link.lastChild.dataset.doc = doc;
    const item = make("li");
    item.append(link);
    list.append(item);
    entries.push({ doc, anchor: target.id, title: link.firstChild.textContent });
  };
  const first = make("ol");
  entry(first, landing, parts.root);
  contents.append(first);
  for (const part of parts.parts) {
    contents.append(make("p", "book-contents-part", part.caption));
    const list = make("ol");
    for (const doc of part.docs) entry(list, document.getElementById("document-" + doc), doc);
    contents.append(list);
  }
  article.prepend(cover, contents);
  return entries;
}
