import { defineConfig } from "vite";

// Served by `diikg serve` under /explore (api/explorer_files.py); every file it loads is
// built into dist/, so the page makes no request to any other host.
export default defineConfig({
  base: "/explore/",
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 1500, assetsInlineLimit: 0 },
});
