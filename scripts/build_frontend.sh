#!/usr/bin/env bash
# Rebuild the vendored front-end (backend/static/vendor/: the editor bundle, KaTeX) from npm.
# The bundle is committed, so running the site never needs Node; run this after changing
# frontend/package.json or frontend/editor.js.
set -euo pipefail
cd "$(dirname "$0")/../frontend"
npm ci --no-audit --no-fund
# npm 11 does not run esbuild's install script; call the platform binary it ships directly.
esbuild=$(ls node_modules/@esbuild/*/bin/esbuild | head -n 1)
"$esbuild" editor.js --bundle --minify --format=iife --global-name=CvprepEditor \
  --outfile=../backend/static/vendor/editor.js
# KaTeX renders the maths of the statements; its files are used as shipped.
rm -rf ../backend/static/vendor/katex
mkdir -p ../backend/static/vendor/katex/contrib
cp node_modules/katex/dist/katex.min.js node_modules/katex/dist/katex.min.css ../backend/static/vendor/katex/
cp node_modules/katex/dist/contrib/auto-render.min.js ../backend/static/vendor/katex/contrib/
cp -r node_modules/katex/dist/fonts ../backend/static/vendor/katex/fonts
echo "wrote backend/static/vendor/editor.js and backend/static/vendor/katex/"
