#!/usr/bin/env bash
# Rebuild the vendored editor bundle (backend/static/vendor/editor.js) from npm packages.
# The bundle is committed, so running the site never needs Node; run this after changing
# frontend/package.json or frontend/editor.js.
set -euo pipefail
cd "$(dirname "$0")/../frontend"
npm ci --no-audit --no-fund
# npm 11 does not run esbuild's install script; call the platform binary it ships directly.
esbuild=$(ls node_modules/@esbuild/*/bin/esbuild | head -n 1)
"$esbuild" editor.js --bundle --minify --format=iife --global-name=CvprepEditor \
  --outfile=../backend/static/vendor/editor.js
echo "wrote backend/static/vendor/editor.js"
