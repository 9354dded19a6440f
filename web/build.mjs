// Builds the explorer into dist/ (or the folder in $TIES_WEB_OUT): one
// bundled script and one style sheet with fixed names (no hashes), so a
// rebuild of unchanged sources gives the same files and the embedded copy in
// git diffs cleanly.
import { build } from "esbuild";
import { copyFile, mkdir, rm } from "node:fs/promises";
import { pathToFileURL } from "node:url";

const out = process.env.TIES_WEB_OUT
  ? pathToFileURL(process.env.TIES_WEB_OUT.replace(/\/?$/, "/"))
  : new URL("./dist/", import.meta.url);
// Only our own dist/ is emptied first; a given folder should be new.
if (!process.env.TIES_WEB_OUT) await rm(out, { recursive: true, force: true });
await mkdir(new URL("assets/", out), { recursive: true });
await build({
  entryPoints: { app: "src/main.ts", style: "src/style.css" },
  outdir: new URL("assets/", out).pathname,
  absWorkingDir: new URL(".", import.meta.url).pathname,
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  legalComments: "linked",
  logLevel: "warning",
});
await copyFile(new URL("./src/index.html", import.meta.url), new URL("index.html", out));
