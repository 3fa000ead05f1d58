// The CLI speaks Korean with --lang ko or a Korean LANG: its help and a bad graph file's error (with the
// file's line and column); without either it stays English, word for word.
import '../../shared/i18n/all-languages'; // Korean on the shared i18n instance, as the CLI and the Electron menu have it
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../cli';
import { langFromEnv } from './lang';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'layerlab-cli-lang-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const broken = path.join(tmp, 'broken.layerlab.json');
// A trailing comma on line 3: the parser's position is line 3, column 1.
writeFileSync(broken, '{\n  "format": "layerlab-graph",\n}\n');

let out: string[] = [];
let err: string[] = [];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});
afterEach(() => vi.restoreAllMocks());

const NO_LOCALE = { PATH: process.env.PATH };

describe('layerlab --lang', () => {
  it('prints Korean help with --help --lang ko, and English help without it', async () => {
    expect(await main(['--help', '--lang', 'ko'], NO_LOCALE)).toBe(0);
    const ko = out.join('\n');
    expect(ko).toContain('사용법: layerlab <명령> [옵션]');
    expect(ko).toContain('층, 출력 형태(shape), 파라미터 수와 합계를 출력합니다');
    expect(ko).toContain('inspect FILE | --template ID [--json]'); // usage lines stay as typed
    out = [];
    expect(await main(['--help'], NO_LOCALE)).toBe(0);
    const en = out.join('\n');
    expect(en).toContain('Usage: layerlab <command> [options]');
    expect(en).toContain('print layers, output shapes, parameter counts and the total');
    expect(en).not.toMatch(/[가-힣]/);
  });

  it('prints a bad graph file\'s error in Korean with LANG=ko_KR.UTF-8, naming line and column', async () => {
    expect(await main(['inspect', broken], { ...NO_LOCALE, LANG: 'ko_KR.UTF-8' })).toBe(2);
    expect(err.join('\n')).toBe(`layerlab inspect: ${broken}: 올바른 JSON이 아닙니다: 3행 1열, '}' 앞에 쉼표가 남아 있습니다`);
  });

  it('keeps the English error unchanged without --lang or a Korean locale, and --lang en beats LANG', async () => {
    const english = `layerlab inspect: ${broken}: not valid JSON: a trailing comma before '}' at line 3, column 1`;
    expect(await main(['inspect', broken], NO_LOCALE)).toBe(2);
    expect(err.join('\n')).toBe(english);
    err = [];
    expect(await main(['inspect', broken, '--lang', 'en'], { ...NO_LOCALE, LANG: 'ko_KR.UTF-8' })).toBe(2);
    expect(err.join('\n')).toBe(english);
  });

  it('prints every command\'s own --help in Korean with --lang ko, English unchanged without it', async () => {
    const helpOf = async (argv: string[], env: NodeJS.ProcessEnv = NO_LOCALE) => {
      out = [];
      expect(await main(argv, env)).toBe(0);
      return out.join('\n');
    };
    const inspectKo = await helpOf(['inspect', '--help', '--lang', 'ko']);
    expect(inspectKo).toContain('사용법: layerlab inspect FILE.layerlab.json [--json]');
    expect(inspectKo).toContain('모든 층을 실행 순서대로 출력 형태(shape), 파라미터 수와 함께 출력하고');
    expect(inspectKo).toContain('  --template ID   파일 대신 내장 템플릿을 검사합니다');
    expect(await helpOf(['lr-find', '--help'], { ...NO_LOCALE, LANG: 'ko_KR.UTF-8' })).toContain('학습률(learning rate)을 배치마다 같은 비율로 1e-7에서 10까지 키우며');
    expect(await helpOf(['datasets', '--lang=ko', '--help'])).toContain('앱이 아는 모든 데이터셋을 나열합니다');
    const trainKo = await helpOf(['train', '--help', '--lang', 'ko']);
    expect(trainKo).toContain('  --batch-size N    배치 크기 (배치당 샘플 수)');
    expect(trainKo).toContain('auto | tensorflow | wasm | cpu (TensorFlow.js; PyTorch로 학습할 때는 평가에 쓰입니다)'); // the choices interpolated
    expect(await helpOf(['export', '--help', '--lang', 'ko'])).toContain('종료 코드: 성공 0, 내보내기 실패 1, 잘못된 입력 2.');
    expect(await helpOf(['import', '--help', '--lang', 'ko'])).toContain('가중치는 가져오지 않습니다.');
    expect(await helpOf(['predict', '--help', '--lang', 'ko'])).toContain('--generate N      문자 모델: TEXT 뒤에 생성한 문자 N개를 이어서 출력');
    expect(await helpOf(['train', '--help'])).toContain('  --backend B       auto | tensorflow | wasm | cpu (TensorFlow.js; with PyTorch it runs the evaluation)');
    for (const cmd of ['inspect', 'lr-find', 'datasets', 'train', 'export', 'import', 'predict']) {
      const en = await helpOf([cmd, '--help']);
      expect(en).toMatch(new RegExp(`^Usage: layerlab ${cmd} `));
      expect(en, cmd).not.toMatch(/[가-힣]/);
    }
    expect(await helpOf(['inspect', '--help'])).toBe(
      [
        'Usage: layerlab inspect FILE.layerlab.json [--json]',
        '       layerlab inspect --template ID [--json]',
        '',
        'Prints every layer in execution order with its output shape(s) and parameter count, the total,',
        'and any errors in the graph. Exit code 0 when the graph is valid, 1 when it has errors, 2 on a',
        'bad file or bad arguments.',
        '',
        'Options:',
        '  --template ID   inspect a built-in template instead of a file',
        '  --json          machine-readable output',
      ].join('\n'),
    );
  });

  it('refuses a language it does not speak', async () => {
    expect(await main(['--help', '--lang=fr'], NO_LOCALE)).toBe(2);
    expect(err.join('\n')).toContain("--lang must be ko or en, got 'fr'");
  });

  it('reads the locale as POSIX orders it: LC_ALL, then LC_MESSAGES, then LANG', () => {
    expect(langFromEnv({ LANG: 'ko_KR.UTF-8' })).toBe('ko');
    expect(langFromEnv({ LANG: 'ko' })).toBe('ko');
    expect(langFromEnv({ LANG: 'ko_KR.UTF-8', LC_ALL: 'C.UTF-8' })).toBe('en');
    expect(langFromEnv({ LANG: 'en_US.UTF-8', LC_MESSAGES: 'ko_KR' })).toBe('ko');
    expect(langFromEnv({ LANG: 'kok_IN' })).toBe('en'); // Konkani, not Korean
    expect(langFromEnv({})).toBe('en');
  });
});
