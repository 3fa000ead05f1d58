// The look-inside views in both languages: an LSTM node's gate captions and legend, its statistics line, and an
// attention node's heads read as before in English and in the course terms in Korean.
import '../../../shared/i18n/all-languages'; // Korean on the shared i18n instance, as the CLI and the Electron menu have it
import { afterEach, describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { i18n } from '../../../shared/i18n/i18n';
import type { NodeActivation } from '../../../shared/inspect';
import { ActivationViewer } from './ActivationViewer';

const grid = (rows: number, cols: number) => Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => (r + c) / (rows + cols)));
const stats = { mean: 0.25, std: 0.5, min: -1, max: 1, zeros: 0.125 };
const lstm: NodeActivation = {
  nodeId: 'lstm',
  kind: 'LSTM',
  shape: [4, 3],
  stats,
  view: { type: 'lstm', gates: { i: grid(4, 3), f: grid(4, 3), o: grid(4, 3), c: grid(4, 3) }, h: grid(4, 3), steps: 4, units: 3 },
};
const attention: NodeActivation = {
  nodeId: 'mha',
  kind: 'MultiHeadAttention',
  shape: [3, 8],
  stats,
  view: { type: 'attention', blocks: [{ name: 'block 1 self-attention', label: { code: 'blockSelfAttention', block: 1 }, heads: [grid(3, 3), grid(3, 3)] }] },
};
const single: NodeActivation = { ...attention, view: { type: 'attention', blocks: [{ name: 'attention', label: { code: 'attention' }, heads: [grid(3, 3)] }] } };
const older: NodeActivation = { ...attention, view: { type: 'attention', blocks: [{ name: 'block 1 self-attention', heads: [grid(3, 3)] }] } };
const rank4: NodeActivation = { ...attention, shape: [2, 2, 2, 2], view: { type: 'none', why: 'a rank-4 activation has no picture; its statistics are above', rank: 4 } };

async function render(node: NodeActivation, lng: 'en' | 'ko'): Promise<string> {
  await i18n.changeLanguage(lng);
  const html = renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <ActivationViewer node={node} />
    </I18nextProvider>,
  );
  return html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

describe('look-inside text', () => {
  afterEach(() => void i18n.changeLanguage('en'));

  it('LSTM gates, legend and statistics: the English as before, Korean course terms', async () => {
    const en = await render(lstm, 'en');
    expect(en).toContain('mean 0.250 · std 0.500 · min -1.00 · max 1.00 · zeros 12.5%');
    expect(en).toContain('rows: 4 time steps (top = first) · columns: 3 units · gates 0 (dark) to 1 (yellow); c and h blue negative, red positive');
    expect(en).toContain('i input gate: how much new content is written');
    expect(en).toContain('f forget gate: how much of the cell is kept');
    expect(en).toContain('o output gate: how much of the cell is shown');
    expect(en).toContain('c cell state');
    expect(en).toContain('h hidden state (the output)');

    const ko = await render(lstm, 'ko');
    for (const term of ['입력 게이트', '망각 게이트', '출력 게이트', '셀 상태', '은닉 상태', '타임스텝 4개', '유닛 3개', '평균 0.250', '12.5%']) expect(ko).toContain(term);
    expect(ko).not.toMatch(/forget gate:|time steps|mean /);
  });

  it('attention heads are numbered in either language; block names come from the run', async () => {
    expect(await render(attention, 'en')).toMatch(/block 1 self-attention .*head 1 .*head 2/);
    const ko = await render(attention, 'ko');
    expect(ko).toMatch(/헤드 1 .*헤드 2/);
    expect(ko).toContain('가중치');
  });

  it('block names and the no-picture reason from the worker\'s codes: English as the worker wrote it, Korean course terms', async () => {
    expect(await render(attention, 'ko')).toContain('블록 1 셀프 어텐션');
    expect(await render(attention, 'ko')).not.toContain('self-attention');
    expect(await render(single, 'en')).toMatch(/ attention head 1/);
    expect(await render(single, 'ko')).toMatch(/ 어텐션 헤드 1/);
    expect(await render(older, 'ko')).toContain('block 1 self-attention'); // no code (an older host): as written
    expect(await render(rank4, 'en')).toContain('a rank-4 activation has no picture; its statistics are above');
    expect(await render(rank4, 'ko')).toContain('4차원 활성화 값은 그림으로 그릴 수 없습니다');
  });
});
