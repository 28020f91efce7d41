// Readability.js (Mozilla) over jsdom on the pages of a JSON Lines gold file, for comparison with `kabar eval html`.
//   node bench/readability/run.mjs GOLD.jsonl RESULTS.jsonl
// GOLD lines are {"id","html","url"?,...}; RESULTS lines are {"id","document":{"text"}}, the format that
// `kabar_score.py html` reads. Prints pages per second of extraction (parsing included, start-up excluded).
import { readFileSync, writeFileSync } from "node:fs";
import { JSDOM, VirtualConsole } from "jsdom";
import { Readability } from "@mozilla/readability";

const [gold, out] = process.argv.slice(2);
if (!gold || !out) {
  console.error("usage: node run.mjs GOLD.jsonl RESULTS.jsonl");
  process.exit(2);
}
const pages = readFileSync(gold, "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));
const quiet = new VirtualConsole(); // pages' CSS and script errors are not ours to print
const lines = [];
const start = process.hrtime.bigint();
for (const page of pages) {
  let text = "";
  try {
    const dom = new JSDOM(page.html, { url: page.url || "https://localhost/", virtualConsole: quiet });
    const article = new Readability(dom.window.document).parse();
    // Paragraphs as Kabar writes them: block text separated by blank lines.
    text = (article?.textContent ?? "").split(/\n\s*\n|\n/).map((p) => p.replace(/\s+/g, " ").trim()).filter(Boolean).join("\n\n");
    dom.window.close();
  } catch (e) {
    text = "";
  }
  lines.push(JSON.stringify({ id: String(page.id), document: { text } }));
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
writeFileSync(out, lines.join("\n") + "\n");
console.log(`readability.js: ${pages.length} pages in ${seconds.toFixed(2)} s, ${(pages.length / seconds).toFixed(1)} pages/s`);
