import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { md, offsetOf, unitEngine } from '../helpers/engine.js';

/** The hover at the first occurrence of `needle` (one character in): its entry and the text it covers. */
function hoverAt(text: string, needle: string, delta = 1): { id: string; covers: string; markdown: string } | undefined {
  const h = unitEngine().hover(md(text), offsetOf(text, needle, delta));
  return h && { id: h.id, covers: text.slice(h.span.start, h.span.end), markdown: h.markdown };
}

void describe('hover', () => {
  void describe('on a citation', () => {
    const text = 'Large platforms must appoint a representative [@kz-online-platforms-2023, art. 9(1)].';

    void it('shows the entry\'s card on the key, covering @ and the key', () => {
      const h = hoverAt(text, 'kz-online-platforms-2023');
      assert.equal(h?.id, 'kz-online-platforms-2023');
      assert.equal(h.covers, '@kz-online-platforms-2023');
      assert.match(h.markdown, /\*\*On Online Platforms and Online Advertising\*\*/);
      assert.match(h.markdown, /No\. 18-VIII/);
      assert.match(h.markdown, /https:\/\/adilet\.zan\.kz\/rus\/docs\/Z2300000018/);
    });

    void it('shows the cited paragraph on the pinpoint: art. 9(1) and its 100,000 threshold', () => {
      const h = hoverAt(text, 'art. 9(1)', 4);
      assert.equal(h?.id, 'kz-online-platforms-2023');
      assert.equal(h.covers, 'art. 9(1)');
      assert.match(h.markdown, /Art\. 9 — Legal regime of online platforms/);
      assert.match(h.markdown, /100,000 average daily users/);
      assert.doesNotMatch(h.markdown, /register of legal representatives/, 'only the cited paragraph, not paragraph 2');
    });

    void it('shows the item on a pinpoint to a sub-item, art. 9(4)(2)', () => {
      const t = 'Platforms answer within 24 hours [@kz-online-platforms-2023, art. 9(4)(2)].';
      const h = hoverAt(t, 'art. 9(4)(2)', 3);
      assert.match(h?.markdown ?? '', /within 24 hours/);
    });

    void it('shows a statement\'s speaker, date and quote on an in-text key', () => {
      const h = hoverAt('As @balaeva-2024-04-22 said, blocking should be considered.', 'balaeva');
      assert.equal(h?.covers, '@balaeva-2024-04-22');
      assert.match(h!.markdown, /Aida Balaeva, Minister of Culture and Information/);
      assert.match(h!.markdown, /2024-04-22/);
      assert.match(h!.markdown, /Вопрос блокировки TikTok нужно рассмотреть/);
    });

    void it('shows nothing on an unknown key', () => {
      assert.equal(hoverAt('See [@no-such-entry].', 'no-such'), undefined);
    });

    void it('shows nothing on plain prose', () => {
      assert.equal(hoverAt('Nothing to see here.', 'see'), undefined);
    });
  });

  void describe('on a law named in prose', () => {
    void it('recognises an English alias', () => {
      const h = hoverAt('The Law on Online Platforms sets duties for large platforms.', 'Online Platforms');
      assert.equal(h?.id, 'kz-online-platforms-2023');
      assert.equal(h.covers, 'Law on Online Platforms');
    });

    void it('recognises a short alias that must match its case ("DSA")', () => {
      assert.equal(hoverAt('The DSA sets rules for very large platforms.', 'DSA')?.id, 'eu-dsa-2022');
      assert.equal(hoverAt('The dsa of a cat.', 'dsa'), undefined);
    });

    void it('recognises a Russian name in an inflected form ("Закона об онлайн-платформах")', () => {
      const text = 'Нормы Закона об онлайн-платформах применяются ко всем платформам.';
      const h = hoverAt(text, 'Закона');
      assert.equal(h?.id, 'kz-online-platforms-2023');
      assert.equal(h.covers, 'Закона об онлайн-платформах');
    });

    void it('shows the card in the memo\'s language first (Russian title for a Russian memo)', () => {
      const h = hoverAt('Нормы Закона об онлайн-платформах применяются ко всем платформам.', 'Закона');
      assert.match(h?.markdown ?? '', /^\*\*Об онлайн-платформах и онлайн-рекламе\*\*/);
    });

    void it('recognises the Russian "Закон о связи"', () => {
      assert.equal(hoverAt('Закон о связи устанавливает порядок блокировки.', 'связи')?.id, 'kz-communications-2004');
    });

    void it('recognises a Kazakh name', () => {
      const h = hoverAt('Онлайн-платформалар туралы заң бойынша платформалар өкіл тағайындайды.', 'туралы');
      assert.equal(h?.id, 'kz-online-platforms-2023');
      assert.equal(h.covers, 'Онлайн-платформалар туралы заң');
    });

    void it('recognises a Kazakh name with a case ending ("… туралы заңның")', () => {
      const h = hoverAt('Онлайн-платформалар туралы заңның 9-бабы өкіл тағайындауды талап етеді.', 'туралы');
      assert.equal(h?.id, 'kz-online-platforms-2023');
      assert.equal(h.covers, 'Онлайн-платформалар туралы заңның');
    });
  });

  void describe('on a short form', () => {
    void it('resolves "the Law" to the law named before it', () => {
      const text = 'The Law on Online Platforms sets duties. The Law also obliges platforms to answer requests.';
      const h = hoverAt(text, 'The Law also', 2);
      assert.equal(h?.id, 'kz-online-platforms-2023');
      assert.equal(h.covers, 'The Law');
      assert.match(h.markdown, /refers to/);
    });

    void it('resolves "the Law" to the law cited before it', () => {
      const text = 'Large platforms need a representative [@kz-online-platforms-2023, art. 9(1)]. The Law also sets user rights.';
      assert.equal(hoverAt(text, 'The Law', 2)?.id, 'kz-online-platforms-2023');
    });

    void it('resolves "the Law" to the nearest earlier law when several come before it', () => {
      const text = 'The DSA is one model [@eu-dsa-2022]. Kazakhstan has the Law on Online Platforms. The Law is newer.';
      assert.equal(hoverAt(text, 'The Law is', 2)?.id, 'kz-online-platforms-2023');
    });

    void it('resolves "Id." to the last citation, even a statement', () => {
      const text = 'The minister spoke [@balaeva-2024-04-22]. She repeated it (Id.).';
      assert.equal(hoverAt(text, 'Id.')?.id, 'balaeva-2024-04-22');
    });

    void it('resolves "указанный Закон" to the law cited before it', () => {
      const text = 'Платформы назначают представителя [@kz-online-platforms-2023]. Указанный Закон действует с 2023 года.';
      const h = hoverAt(text, 'Указанный');
      assert.equal(h?.id, 'kz-online-platforms-2023');
      assert.equal(h.covers, 'Указанный Закон');
    });

    void it('shows nothing for "the Law" when no law comes before it', () => {
      assert.equal(hoverAt('The Law is silent on this.', 'Law'), undefined);
    });
  });
});
