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

  it('flips the Electron fuses: no run-as-node, NODE_OPTIONS or inspect; asar integrity and asar only', () => {
    const config = loadBuilderConfig();
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
    // The integrity fuse needs the asar's hash, which electron-builder embeds unless asar or its integrity is off.
    expect(config.asar).not.toBe(false);
    expect(config.asar?.disableIntegrity).not.toBe(true);
    // With runAsNode off, child_process.fork from the main process stops working: the app's workers are utility processes.
    const electronDir = path.join(root, 'src-main/electron');
    const sources = fs.readdirSync(electronDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(sources.filter((f) => /from '(node:)?child_process'/.test(fs.readFileSync(path.join(electronDir, f), 'utf8')))).toEqual([]);
    expect(fs.readFileSync(path.join(electronDir, 'utility-worker.ts'), 'utf8')).toContain('utilityProcess.fork(');
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
