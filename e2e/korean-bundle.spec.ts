// The English UI does not carry the Korean catalogues: its scripts hold no Korean catalogue text and the Korean
// chunk is not fetched; choosing Korean fetches it (once) and switches; a page opened with ?lang=ko paints its
// first frame in Korean (no English text, no raw keys before it).
import { test, expect } from './fixtures';
import type { Browser, Response } from '@playwright/test';

const HANGUL_WORDS = /[\uac00-\ud7a3]+/g;

async function open(browser: Browser, query = '') {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const scripts: Response[] = [];
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script') scripts.push(r);
  });
  // The text of the New button the first time it exists in the document.
  await page.addInitScript(() => {
    const w = window as unknown as { firstNewText: string | null };
    w.firstNewText = null;
    new MutationObserver(() => {
      const b = document.querySelector('[data-testid="btn-new"]');
      if (b && w.firstNewText === null) w.firstNewText = b.textContent;
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto(process.env.LAYERLAB_URL! + query);
  return { context, page, scripts };
}

test('English loads no Korean catalogue; choosing Korean loads it; ?lang=ko paints Korean first', async ({ webBrowser }, testInfo) => {
  test.skip(testInfo.project.name === 'electron', 'the request log and ?lang= are the web host\'s; the Electron renderer is the same build (README sizes)');
  const browser = await webBrowser();

  const en = await open(browser);
  await expect(en.page.getByTestId('btn-new')).toHaveText('New');
  const koChunk = (rs: Response[]) => rs.filter((r) => /\/resources-ko-[\w-]+\.js$/.test(new URL(r.url()).pathname));
  expect(koChunk(en.scripts)).toEqual([]);
  const bodies = await Promise.all(en.scripts.map((r) => r.text()));
  expect(bodies.length).toBeGreaterThan(0);
  for (const body of bodies) {
    expect(body).not.toContain('새로 만들기'); // the New button's Korean label
    expect(body).not.toContain('개로 평가: 손실'); // the evaluation line
    expect((body.match(HANGUL_WORDS) ?? []).length).toBeLessThan(5); // only the language list's own name 한국어
  }

  await en.page.getByTestId('language-select').selectOption('ko');
  await expect(en.page.getByTestId('btn-new')).toHaveText('새로 만들기');
  await expect(en.page.locator('html')).toHaveAttribute('lang', 'ko');
  expect(koChunk(en.scripts)).toHaveLength(1);
  expect(await koChunk(en.scripts)[0].text()).toContain('새로 만들기');
  // Back and forth again: nothing fetched twice.
  await en.page.getByTestId('language-select').selectOption('en');
  await expect(en.page.getByTestId('btn-new')).toHaveText('New');
  await en.page.getByTestId('language-select').selectOption('ko');
  await expect(en.page.getByTestId('btn-new')).toHaveText('새로 만들기');
  expect(koChunk(en.scripts)).toHaveLength(1);
  await en.context.close();

  const sep = process.env.LAYERLAB_URL!.includes('?') ? '&' : '?';
  const ko = await open(browser, `${sep}lang=ko`);
  await expect(ko.page.getByTestId('btn-new')).toHaveText('새로 만들기');
  expect(await ko.page.evaluate(() => (window as unknown as { firstNewText: string | null }).firstNewText)).toBe('새로 만들기');
  await expect(ko.page.getByTestId('total-params-toggle')).toContainText('파라미터');
  await ko.context.close();
});
