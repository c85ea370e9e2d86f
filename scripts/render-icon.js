#!/usr/bin/env node
// Draws the extension's Marketplace / Extensions-view icon, media/icon.png (256×256; VS Code asks for at least
// 128×128), from the activity-bar mark media/zenlayer.svg: the same stacked disk images, white on a blue tile.
// Rendered by the headless chromium that `npm run setup:vscode` installs. Run it after changing the mark:
//   node scripts/render-icon.js
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const MARK = path.join(ROOT, 'media', 'zenlayer.svg');
const ICON = path.join(ROOT, 'media', 'icon.png');
const SIZE = 256;

/** The icon as SVG: the mark's own paths (24×24 user units) scaled onto a rounded tile. */
function iconSvg() {
    const paths = [...fs.readFileSync(MARK, 'utf8').matchAll(/<path\s+d="([^"]+)"/g)].map((m) => m[1]);
    if (paths.length === 0) {
        throw new Error(`no <path d="…"> in ${MARK}`);
    }
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 24 24">
  <defs>
    <linearGradient id="tile" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#2f7cf6"/>
      <stop offset="1" stop-color="#1743a8"/>
    </linearGradient>
  </defs>
  <rect width="24" height="24" rx="5" fill="url(#tile)"/>
  <g transform="translate(3.6 3.6) scale(0.7)" fill="none" stroke="#ffffff" stroke-width="1.7" stroke-linejoin="round" stroke-linecap="round">
    ${paths.map((d) => `<path d="${d}"/>`).join('\n    ')}
  </g>
</svg>`;
}

async function main() {
    const cs = require('./vscode/code-server');
    // A throwaway profile keeps chromium's crash-report and cache folders out of $HOME.
    const profile = cs.createProfile();
    const browser = await cs.launchChromium(profile);
    try {
        const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE } });
        await page.setContent(`<html><body style="margin:0;background:transparent">${iconSvg()}</body></html>`);
        // omitBackground: the tile's rounded corners stay transparent.
        await page.screenshot({ path: ICON, omitBackground: true, clip: { x: 0, y: 0, width: SIZE, height: SIZE } });
    } finally {
        await browser.close();
        profile.dispose();
    }
    console.log(`wrote ${path.relative(ROOT, ICON)} (${SIZE}×${SIZE}, ${Math.round(fs.statSync(ICON).size / 1024)} KiB)`);
}

main().catch((e) => {
    console.error(`render-icon: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
});
