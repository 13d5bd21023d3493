// The text of PDFs as pdf.js reads it (the reader of Firefox and of many
// web and phone viewers): tests/sh/pdftext.sh compares it with poppler's.
//
//   node tests/e2e/pdftext.mjs OUT_DIR FILE...
//
// For each FILE, writes OUT_DIR/NAME, NAME being FILE with every "/" and
// "." as "_": the strings of getTextContent() page by page, a newline
// where pdf.js ends a line and after each page.  A PDF that pdf.js cannot
// open or read is one line "FILE: message" on stderr and exit status 1;
// the others are still read.  pdf.js's own warnings (its polyfills for
// drawing, which text does not use) are not ours to report and are left
// on stderr as they come only at verbosity "errors".
import { readFile, writeFile } from "node:fs/promises";
import { getDocument, VerbosityLevel } from "pdfjs-dist/legacy/build/pdf.mjs";

const [out, ...files] = process.argv.slice(2);
let status = 0;

async function textOf(file) {
  const data = new Uint8Array(await readFile(file));
  // No eval, no system fonts: what the PDF holds, read the same way on
  // every machine.
  const doc = await getDocument({
    data,
    verbosity: VerbosityLevel.ERRORS,
    isEvalSupported: false,
    useSystemFonts: false,
  }).promise;
  let text = "";
  try {
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      for (const item of content.items)
        text += (item.str ?? "") + (item.hasEOL ? "\n" : "");
      text += "\n";
    }
  } finally {
    await doc.destroy();
  }
  return text;
}

for (const file of files) {
  try {
    await writeFile(`${out}/${file.replace(/[/.]/g, "_")}`, await textOf(file));
  } catch (e) {
    console.error(`${file}: ${e && e.message ? e.message : e}`);
    status = 1;
  }
}
process.exit(status);
