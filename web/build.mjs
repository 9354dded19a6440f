// Builds the explorer into dist/: one bundled script and one style sheet
// with fixed names (no hashes), so a rebuild of unchanged sources gives the
// same files and the embedded copy in git diffs cleanly.
import { build } from "esbuild";
import { copyFile, mkdir, rm } from "node:fs/promises";

const out = new URL("./dist/", import.meta.url);
await rm(out, { recursive: true, force: true });
await mkdir(new URL("assets/", out), { recursive: true });
await build({
  entryPoints: { app: "src/main.ts", style: "src/style.css" },
  outdir: "dist/assets",
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  legalComments: "linked",
  logLevel: "warning",
});
await copyFile(new URL("./src/index.html", import.meta.url), new URL("index.html", out));
