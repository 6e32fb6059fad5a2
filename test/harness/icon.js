#!/usr/bin/env node
// Draws the extension's Marketplace icon, media/icon.png (128×128): three server slabs on a blue rounded square.
// Plain Node (zlib PNG encoder, 4×4 supersampling). Usage: node test/harness/icon.js [out.png]
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const SIZE = 128;
const SS = 4;

/** Signed distance-ish test: inside a rounded rectangle. */
function inRoundRect(x, y, x0, y0, x1, y1, r) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}
const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t);

const TOP = [56, 132, 255];
const BOTTOM = [18, 60, 150];
const SLAB = [245, 248, 255];
const LINE = [120, 150, 200];
const LEDS = [
  [46, 204, 113],
  [255, 159, 28],
  [46, 204, 113],
];

/** RGBA of one sample point (pixel coordinates). */
function sample(x, y) {
  if (!inRoundRect(x, y, 0, 0, SIZE, SIZE, 26)) return [0, 0, 0, 0];
  let c = mix(TOP, BOTTOM, y / SIZE);
  for (let i = 0; i < 3; i++) {
    const y0 = 26 + i * 27;
    if (inRoundRect(x, y, 22, y0, 106, y0 + 21, 6)) {
      c = SLAB;
      if (inCircle(x, y, 35, y0 + 10.5, 4.5)) c = LEDS[i];
      for (const lx of [66, 76, 86, 96]) if (x >= lx - 2 && x <= lx + 2 && y >= y0 + 6 && y <= y0 + 15) c = LINE;
    }
  }
  return [...c, 255];
}

function render() {
  const px = Buffer.alloc(SIZE * SIZE * 4);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const s = sample(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS);
          // Premultiplied accumulation, so edges blend with transparency correctly.
          for (let k = 0; k < 3; k++) acc[k] += s[k] * s[3];
          acc[3] += s[3];
        }
      }
      const o = (y * SIZE + x) * 4;
      const a = acc[3] / (SS * SS);
      for (let k = 0; k < 3; k++) px[o + k] = acc[3] ? Math.round(acc[k] / acc[3]) : 0;
      px[o + 3] = Math.round(a);
    }
  }
  return px;
}

const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32(buf) {
  let c = -1;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function png(rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) rgba.copy(raw, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = path.resolve(process.argv[2] || path.join(__dirname, '..', '..', 'media', 'icon.png'));
fs.writeFileSync(out, png(render()));
console.log(`[icon] ${out}`);
