// Parses each Mermaid file named on the command line with Mermaid's own parser (in a jsdom
// window, as a browser would), with Mermaid's default limits. Prints `FILE ok TYPE` or
// `FILE FAILED MESSAGE` per file; exits 1 when any failed. Run by tests/e2e/interop.rs from
// target/mermaid, where ./run-tests installs mermaid and jsdom (package.json beside this).
import { JSDOM } from 'jsdom';
import fs from 'node:fs';

const dom = new JSDOM('<!DOCTYPE html><body></body>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });
let failed = 0;
for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, 'utf8');
  try {
    const parsed = await mermaid.parse(text);
    console.log(`${file} ok ${parsed.diagramType}`);
  } catch (e) {
    failed += 1;
    console.log(`${file} FAILED ${String(e.message).split('\n').join(' ')}`);
  }
}
process.exit(failed ? 1 : 0);
