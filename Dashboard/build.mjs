// Builds dist/: the dashboard (index.html plus content-hashed JS and CSS) and the tracker (fixed name,
// since sites embed its URL). Run by `npm run build`; the ASP.NET host serves dist/ at `/`.
import { build } from 'esbuild';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';

const dist = new URL('./dist/', import.meta.url);
const trackerLimitBytes = 2048;

await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });

const app = await build({
  entryPoints: { app: 'src/main.ts' },
  bundle: true,
  minify: true,
  sourcemap: 'linked',
  format: 'esm',
  platform: 'browser',
  target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
  entryNames: '[name]-[hash]',
  outdir: 'dist',
  metafile: true,
  logLevel: 'warning',
});

// The hashed names are only known after the build, so index.html is written from a template.
const outputs = Object.keys(app.metafile.outputs).map((p) => basename(p));
const js = outputs.find((f) => /^app-.*\.js$/.test(f));
const css = outputs.find((f) => /^app-.*\.css$/.test(f));
if (!js || !css) throw new Error(`the dashboard build produced no app JS or CSS: ${outputs.join(', ')}`);
const html = (await readFile('src/index.html', 'utf8')).replace('%APP_JS%', js).replace('%APP_CSS%', css);
await writeFile(new URL('index.html', dist), html);

await build({
  entryPoints: ['tracker/tracker.js'],
  // The source is its own IIFE already; no format keeps esbuild from wrapping it in another one.
  bundle: false,
  minify: true,
  target: ['es2017'],
  outfile: 'dist/tracker.js',
  legalComments: 'none',
  logLevel: 'warning',
});

const trackerBytes = (await stat(new URL('tracker.js', dist))).size;
if (trackerBytes > trackerLimitBytes) {
  console.error(`dist/tracker.js is ${trackerBytes} bytes: over the ${trackerLimitBytes}-byte budget`);
  process.exit(1);
}
console.log(`dist/: index.html, ${js}, ${css}, tracker.js (${trackerBytes} of ${trackerLimitBytes} bytes)`);
