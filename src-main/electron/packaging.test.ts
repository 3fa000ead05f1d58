// The packaging config is checked against electron-builder's own schema (the build itself needs the Electron
// binary, which is not downloadable here), and the icon it names is a real 512x512 PNG.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const require = createRequire(import.meta.url);

function loadBuilderConfig(): Record<string, any> {
  const yaml = require('js-yaml') as { load(text: string): unknown };
  return yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>;
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's schema validation", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config');
    const { DebugLogger } = require('builder-util');
    await expect(validateConfiguration(loadBuilderConfig(), new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...loadBuilderConfig(), appIdd: 'x' }, new DebugLogger(false))).rejects.toThrow(/unknown property 'appIdd'/);
  });

  it('names the app, its file type, targets and the native/wasm files kept outside the asar', () => {
    const config = loadBuilderConfig();
    expect(config.appId).toBe('dev.layerlab.app');
    expect(config.productName).toBe('LayerLab');
    expect(config.fileAssociations[0].ext).toBe('layerlab.json');
    expect(config.asarUnpack).toEqual([
      '**/node_modules/@tensorflow/tfjs-node/**',
      '**/node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm',
      '**/node_modules/sharp/**',
      '**/node_modules/@img/**',
    ]);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    const wasmDir = path.join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
    expect(fs.readdirSync(wasmDir).filter((f) => f.endsWith('.wasm')).length).toBeGreaterThan(0);
  });

  it('points at a 512x512 PNG icon', () => {
    const config = loadBuilderConfig();
    for (const platform of ['win', 'mac', 'linux']) {
      const png = fs.readFileSync(path.join(root, config[platform].icon));
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    }
  });
});
