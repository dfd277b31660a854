// The renderer's JavaScript, gzipped, as a till downloads it into its window.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { ensureRendererBuilt, rendererDist } from '../main/headless/assets';
import type { Row } from './lib';

export async function rendererSize(): Promise<Row[]> {
  await ensureRendererBuilt();
  const dir = path.join(rendererDist, 'assets');
  let bytes = 0;
  for (const name of fs.readdirSync(dir))
    if (name.endsWith('.js'))
      bytes += zlib.gzipSync(fs.readFileSync(path.join(dir, name)), { level: 9 }).length;
  return [
    {
      figure: 'renderer JavaScript, gzipped',
      value: Math.round(bytes / 102.4) / 10,
      unit: 'KB',
      budget: 200,
    },
  ];
}
